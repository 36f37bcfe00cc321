/**
 * Script mediator (MI 4.4's ScriptMediator on GraalJS): compiled once at deploy time into its
 * own isolated context (script-sandbox.ts); per message the script runs with `mc` bound to that
 * message, under `[mediate.script] timeout_ms`. An error or a timeout faults the message; a
 * `false` result stops the flow (ScriptMediator.invokeScript).
 */
import type { Program } from 'acorn';
import { parseScript, type ScriptProblem } from '../../../model/expressions/script-syntax.js';
import type { EventLevel } from '../../../model/events.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, CompileNode, MediatorCompiler } from '../mediation-types.js';
import { mcOperation } from './script-bridge.js';
import { ScriptSandbox, ScriptTimeoutError, type RunResult } from './script-sandbox.js';

/**
 * The inline script as a function body whose value is that of its last statement when it is an
 * expression (MI returns the script's completion value, and `false` stops the flow).
 */
function inlineBody(source: string, program: Program): string {
  const last = program.body[program.body.length - 1];
  if (last?.type !== 'ExpressionStatement') return source;
  const e = last.expression;
  return `${source.slice(0, e.start)}return (${source.slice(e.start, e.end)});${source.slice(last.end)}`;
}

/** Pushes a located diagnostic for a keyed script's problem (its text is another artifact's). */
function problemAt(env: CompileEnv, node: CompileNode<'script'>, code: string, message: string): void {
  env.diagnostics.push({
    severity: 'error',
    code,
    message,
    artifact: env.artifactName,
    path: node.path,
    field: 'key',
    line: node.element.pos?.line,
    column: node.element.pos?.column,
  });
}

/** A local entry's script text, checked; undefined (with a diagnostic) when unusable. */
function entryScript(env: CompileEnv, node: CompileNode<'script'>, key: string): string | undefined {
  const entry = env.localEntry(key);
  if (!entry) {
    problemAt(env, node, 'REF_LOCAL_ENTRY_MISSING', `The script's local entry '${key}' does not exist.`);
    return undefined;
  }
  if (entry.src !== undefined || entry.element) {
    problemAt(
      env,
      node,
      'SCRIPT_ENTRY_NOT_TEXT',
      `Local entry '${key}' must hold the script's text (Mediate does not fetch 'src').`,
    );
    return undefined;
  }
  const { problem } = parseScript(entry.text);
  if (problem) {
    const p: ScriptProblem = problem;
    problemAt(env, node, p.code, `Script in local entry '${key}': ${p.message}`);
    return undefined;
  }
  return entry.text;
}

const LEVELS: readonly EventLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/** A script's `print`/`console` line, as a log event of the message (capped like a payload). */
function printLine(env: CompileEnv, ctx: MessageContext, level: string | undefined, text: string): void {
  const cap = env.config.logPayloadCap;
  env.bus.emit({
    kind: 'log',
    level: LEVELS.find((l) => l === level) ?? 'INFO',
    category: 'ScriptMediator',
    text: text.length > cap ? `${text.slice(0, cap)}…` : text,
    ...(ctx.artifact ? { artifact: ctx.artifact } : {}),
    messageId: ctx.messageId,
  });
}

export const compileScript: MediatorCompiler<'script'> = (node, env) => {
  const v = node.values;
  const language = v.language.trim();
  let current: MessageContext | undefined;
  const sandbox = new ScriptSandbox((op, a, b, c) => {
    if (!current) throw new Error('mc is only available while the script runs for a message');
    if (op === 'print') {
      printLine(env, current, a, b ?? '');
      return 'U';
    }
    return mcOperation(current, op, a, b, c);
  }, env.config.script.timeoutMs);
  let run: () => RunResult;
  let what: string;
  const key = v.key?.trim();
  if (key !== undefined) {
    const fn = v.function;
    what = `external ${language} script : ${key} function ${fn}`;
    const sources = [...v.includes.map((i) => i.key.trim()), key];
    for (const k of sources) {
      const text = entryScript(env, node, k);
      if (text === undefined) return () => true;
      try {
        sandbox.load(text, k);
      } catch (e) {
        const why = e instanceof ScriptTimeoutError ? `its top level ${e.message}` : (e as Error).message;
        problemAt(env, node, 'SCRIPT_LOAD', `Loading the script in local entry '${k}' failed: ${why}.`);
        return () => true;
      }
    }
    if (!sandbox.hasFunction(fn)) {
      problemAt(
        env,
        node,
        'SCRIPT_FUNCTION_MISSING',
        `The script in local entry '${key}' defines no function '${fn}'.`,
      );
      return () => true;
    }
    run = sandbox.callOf(fn);
  } else {
    what = `inlined ${language} script`;
    const source = v.source ?? '';
    // Validation reported a syntax error already; a deploy never gets here with one.
    const { program, problem } = parseScript(source);
    if (!program) throw new Error(`Inline script: ${problem?.message ?? 'does not parse'}`);
    run = sandbox.inlineOf(inlineBody(source, program), `${env.artifactName} script`);
  }
  const timeout = env.config.script.timeoutMs;
  return (ctx) => {
    current = ctx;
    let r: RunResult;
    try {
      r = run();
    } catch (e) {
      if (e instanceof ScriptTimeoutError)
        throw new Error(
          `The ${what} was stopped: it ran longer than ${timeout} ms ([mediate.script] timeout_ms).`,
        );
      throw e;
    } finally {
      current = undefined;
    }
    if (!r.ok) throw new Error(`The script engine returned an error executing the ${what}: ${r.error}`);
    return r.proceed;
  };
};
