/**
 * Where script mediators run: one `node:vm` context per script mediator, made at deploy time.
 *
 * Why `node:vm` and not a worker pool: MI's `mc` API is synchronous (`mc.getProperty(…)` returns
 * the value), so a script in a worker would need the whole message (payload, every property of
 * every scope) copied to it for each run and the changes copied back, and a thread hop per
 * message. In a vm context the script calls the message directly and a run costs a function
 * call. The price: the timeout is enforced on this thread, so a runaway script holds the event
 * loop for up to `[mediate.script] timeout_ms` before it is stopped and its message faulted; the
 * other messages wait that long and then go on. And the timeout itself costs: Node starts a
 * watchdog for each timed run (about 0.2 ms, so a few thousand script runs a second per core),
 * which only messages through a script mediator pay.
 *
 * Isolation: the context's global is made from a null-prototype object, so no host object (and
 * no host `Function`, the way out of a vm) is reachable from it: no `require`, `process`,
 * `globalThis` of the runtime, timers, file system or network. The only host value the context
 * ever holds is `bridge`, kept in a closure of the bootstrap below, which takes and returns
 * strings only and never throws (an exception object would carry the host's `Function`).
 * Microtasks run inside each evaluation (`afterEvaluate`), so a promise cannot outlive the
 * timeout.
 */
import { types } from 'node:util';
import vm from 'node:vm';

/** What the host answers a bridge call with: `V`+JSON, `R`+JSON text to parse, `U`, or `E`+message. */
export type BridgeAnswer = string;

/** The host side of `mc`: an operation name and string arguments, answered with a string. */
export type Bridge = (
  op: string,
  a: string | undefined,
  b: string | undefined,
  c: string | undefined,
) => BridgeAnswer;

/**
 * The in-context half of `mc`. Runs once per context, before any user code, so the builtins it
 * captures are the originals. Values cross as strings: `S`+text or `J`+JSON from the script,
 * `V`+JSON, `R`+raw JSON text, `U` or `E`+message back.
 */
const BOOTSTRAP = `(function (bridge) {
  'use strict';
  const parse = JSON.parse, stringify = JSON.stringify, Err = Error, slice = String.prototype.slice;
  const call = (op, a, b, c) => {
    const r = bridge(op, a, b, c);
    const tag = r.charAt(0), rest = slice.call(r, 1);
    if (tag === 'E') throw new Err(rest);
    if (tag === 'U') return undefined;
    if (tag === 'R') {
      try { return parse(rest); } catch (e) { throw new Err('Invalid JSON payload'); }
    }
    return parse(rest);
  };
  const str = (x) => (x === undefined || x === null ? undefined : '' + x);
  const val = (x) => {
    if (x === undefined) return 'U';
    if (typeof x === 'string') return 'S' + x;
    const j = stringify(x);
    return j === undefined ? 'U' : 'J' + j;
  };
  let json, jsonRead = false;
  const mc = Object.freeze({
    getPayloadXML: () => call('getPayloadXML'),
    setPayloadXML: (xml) => { call('setPayloadXML', str(xml)); },
    getPayloadJSON: () => {
      if (!jsonRead) { json = call('getPayloadJSON'); jsonRead = true; }
      return json;
    },
    setPayloadJSON: (value) => {
      const text = stringify(value);
      if (text === undefined) throw new Err('setPayloadJSON needs a value JSON can represent');
      call('setPayloadJSON', text);
      json = value; jsonRead = true;
    },
    getPayloadText: () => call('getPayloadText'),
    getEnvelopeXML: () => call('getEnvelopeXML'),
    getProperty: (name, scope) => call('getProperty', str(name), str(scope)),
    setProperty: (name, value, scope) => { call('setProperty', str(name), val(value), str(scope)); },
    removeProperty: (name, scope) => { call('removeProperty', str(name), str(scope)); },
    getVariable: (name) => call('getVariable', str(name)),
    setVariable: (name, value) => { call('setVariable', str(name), val(value)); },
    getMessageID: () => call('getMessageID'),
  });
  // GraalJS's print and console, written to the runtime's log as the script mediator's lines.
  const line = (level) => (...args) => {
    let text = '';
    for (let i = 0; i < args.length; i++) text += (i ? ' ' : '') + (typeof args[i] === 'string' ? args[i] : stringify(args[i]) ?? '' + args[i]);
    call('print', level, text);
  };
  Object.defineProperty(globalThis, 'print', { value: line('INFO'), writable: true, configurable: true });
  Object.defineProperty(globalThis, 'console', {
    value: Object.freeze({ log: line('INFO'), info: line('INFO'), debug: line('DEBUG'), warn: line('WARN'), error: line('ERROR') }),
    writable: true,
    configurable: true,
  });
  const run = (target) => {
    json = undefined; jsonRead = false;
    try {
      if (typeof target !== 'function') return 'E' + 'TypeError: the function to call is not defined';
      return target(mc) === false ? 'F' : 'T';
    } catch (e) {
      let m;
      try { m = e instanceof Err ? e.name + ': ' + e.message : 'a thrown ' + typeof e + ': ' + e; }
      catch (_) { m = 'a thrown value that cannot be shown'; }
      return 'E' + m;
    }
  };
  Object.defineProperty(globalThis, '__mediateRun', { value: run, writable: false, configurable: false });
})`;

/** The outcome of one run: go on, stop the flow (the script returned false), or an error. */
export type RunResult =
  { readonly ok: true; readonly proceed: boolean } | { readonly ok: false; readonly error: string };

/**
 * True for vm's timeout error. It is made in the context's realm (`instanceof Error` is false),
 * so it is recognized by its own `code` data property, read without running a getter or a
 * proxy trap the script may have set up.
 */
function isTimeout(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || types.isProxy(e)) return false;
  return Object.getOwnPropertyDescriptor(e, 'code')?.value === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** A run stopped by the time limit. */
export class ScriptTimeoutError extends Error {}

/** One script mediator's context: load code into it at deploy time, then run per message. */
export class ScriptSandbox {
  private readonly context: vm.Context;

  constructor(
    bridge: Bridge,
    private readonly timeoutMs: number,
  ) {
    this.context = vm.createContext(Object.create(null) as object, {
      name: 'script mediator',
      codeGeneration: { strings: true, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    const install = new vm.Script(BOOTSTRAP).runInContext(this.context) as (b: Bridge) => void;
    // Host errors never reach the context: each becomes an 'E' answer.
    install((op, a, b, c) => {
      try {
        return bridge(op, a, b, c);
      } catch (e) {
        return `E${e instanceof Error ? e.message : String(e)}`;
      }
    });
  }

  /**
   * Runs code at the context's top level once (a keyed script's entry, an include), under the
   * time limit. Throws a plain host error saying what went wrong.
   */
  load(source: string, filename: string): void {
    const wrapped = `(() => { try { (0, eval)(${JSON.stringify(source)}); return 'T'; } catch (e) {
      try { return 'E' + (e instanceof Error ? e.name + ': ' + e.message : String(e)); } catch (_) { return 'E?'; } } })()`;
    const r = this.evaluate(new vm.Script(wrapped, { filename }));
    if (!r.ok) throw new Error(r.error);
  }

  /** True when the context's global `name` is a function (a keyed script's `function`). */
  hasFunction(name: string): boolean {
    const r = this.evaluate(
      new vm.Script(`typeof globalThis[${JSON.stringify(name)}] === 'function' ? 'T' : 'F'`),
    );
    return r.ok && r.proceed;
  }

  /** Compiles the per-message call of global function `name` with `mc`. */
  callOf(name: string): () => RunResult {
    const script = new vm.Script(`__mediateRun(globalThis[${JSON.stringify(name)}])`);
    return () => this.evaluate(script);
  }

  /**
   * Compiles an inline script as a function of `mc` (so its `var`s are per message, as MI's
   * fresh bindings per run), its value being that of its last expression statement.
   */
  inlineOf(body: string, filename: string): () => RunResult {
    const id = '__mediateInline';
    new vm.Script(`function ${id}(mc) {\n${body}\n}`, { filename, lineOffset: -1 }).runInContext(
      this.context,
      {
        timeout: this.timeoutMs,
      },
    );
    return this.callOf(id);
  }

  private evaluate(script: vm.Script): RunResult {
    let r: unknown;
    try {
      r = script.runInContext(this.context, { timeout: this.timeoutMs, breakOnSigint: false });
    } catch (e) {
      if (isTimeout(e)) throw new ScriptTimeoutError(`timed out after ${this.timeoutMs} ms`);
      // Only a value from inside the context gets here (past the runner's own catch): never
      // read it, it may be anything the script made.
      return { ok: false, error: 'the script failed past its own error handling (a stack overflow?)' };
    }
    if (typeof r !== 'string') return { ok: false, error: 'the script run gave no result' };
    if (r === 'T') return { ok: true, proceed: true };
    if (r === 'F') return { ok: true, proceed: false };
    return { ok: false, error: r.slice(1) };
  }
}
