/**
 * throttle (MI: ThrottleMediator). The policy is read once per deploy into rules; per request:
 *
 * 1. MaximumConcurrentAccess first (doThrottleByConcurrency): a free slot is taken, or the
 *    request is rejected.
 * 2. Then the rate (doThrottleByAccessRate): a DOMAIN rule for the caller's host (X-Forwarded-Host,
 *    else the remote host), else an IP rule for its address (the first X-Forwarded-For entry,
 *    else the remote address); a caller no rule (and no `other`) covers is accepted. A rate
 *    rejection gives the concurrency slot back at once.
 * 3. Accepted: the onAccept key or branch, else the flow goes on; rejected: the onReject key or
 *    branch, else the flow stops.
 *
 * A taken slot is given back when the message's HTTP client has been answered (or has gone
 * away): MI gives it back when the response is sent back or the back end's reply arrives
 * (Axis2Sender.sendBack, SynapseCallbackReceiver). A message with no HTTP client (WebSocket)
 * holds it while the onAccept branch runs. Responses (the `<throttle id="A"/>` of an out
 * sequence) pass untouched, as in MI.
 */
import { readThrottlePolicy, type ThrottlePolicy } from '../../../model/catalog/throttle-policy.js';
import { policyElement } from '../../../model/catalog/throttle.js';
import { elementChildren, localName } from '../../../model/xml/xml-query.js';
import type { MessageContext } from '../../message/message-context.js';
import type { CompileEnv, CompileNode, MediatorCompiler, Step } from '../mediation-types.js';
import { compileProblem } from './compile-problem.js';
import { domainRules, ipRules } from './throttle-rules.js';
import { ThrottleState } from './throttle-state.js';

/** The policy a throttle names or holds; an error when a named one cannot be read. */
function policyOf(node: CompileNode<'throttle'>, env: CompileEnv): ThrottlePolicy | undefined | Error {
  const el = policyElement(node.element);
  if (!el) return undefined;
  const key = node.values.policy?.key;
  if (key !== undefined) {
    const entry = env.localEntry(key.trim());
    // ThrottleMediator.doInitializeThrottleDynamicPolicy: "Cannot find throttling policy using key".
    if (!entry?.element) return new Error(`Cannot find throttling policy using key : ${key}`);
    const read = readThrottlePolicy([entry.element], entry.namespaces);
    for (const i of read.issues)
      if (i.severity === 'error')
        compileProblem(env, node, i.code, `policy '${key}': ${i.message}`, 'policy');
    return read.policy;
  }
  const first = elementChildren(el)[0];
  // Validation reports what is wrong with an inline policy; one MI cannot read throttles nothing.
  return first ? readThrottlePolicy([node.element, el, first], env.namespaces(node)).policy : undefined;
}

/** The onAccept/onReject sequence key, else the inline branch, else nothing. */
function branch(
  node: CompileNode<'throttle'>,
  name: 'onAccept' | 'onReject',
  key: string | undefined,
  env: CompileEnv,
): Step | undefined {
  if (key !== undefined) {
    const slot = env.sequence(key.trim());
    return (ctx) => {
      const seq = slot.current;
      if (!seq) throw new Error(`Unable to find ${name} sequence with key : ${key}`);
      return seq.run(ctx);
    };
  }
  // An empty inline branch is an empty sequence: the flow goes on after it (as in MI).
  if (elementChildren(node.element).some((c) => localName(c.name) === name))
    return env.list(node.branches[name] ?? []);
  return undefined;
}

/** The first X-Forwarded-For address, else the client's (ThrottleMediator.getIp). */
function remoteIp(ctx: MessageContext): string | undefined {
  const forwarded = ctx.property('transport', 'X-Forwarded-For');
  if (typeof forwarded === 'string' && forwarded !== '') {
    const comma = forwarded.indexOf(',');
    return comma > 0 ? forwarded.slice(0, comma) : forwarded;
  }
  const addr = ctx.property('axis2', 'REMOTE_ADDR');
  return typeof addr === 'string' ? addr : undefined;
}

/** X-Forwarded-Host, else the client's host. */
function remoteDomain(ctx: MessageContext): string | undefined {
  const forwarded = ctx.property('transport', 'X-Forwarded-Host');
  const host = typeof forwarded === 'string' ? forwarded : ctx.property('axis2', 'REMOTE_HOST');
  return typeof host === 'string' ? host : undefined;
}

export const compileThrottle: MediatorCompiler<'throttle'> = (node, env) => {
  const v = node.values;
  const accept = branch(node, 'onAccept', v.onAcceptSequence, env);
  const reject = branch(node, 'onReject', v.onRejectSequence, env);
  const read = policyOf(node, env);
  const policy = read instanceof Error ? undefined : read;
  const units = (policy?.rules ?? []).filter((r) => r.access === 'control').map((r) => r.unitTime);
  const state = new ThrottleState(policy?.maxConcurrent, Math.max(100, Math.min(60_000, ...units)));
  env.onRetire(() => state.retire());
  const ip = ipRules((policy?.rules ?? []).filter((r) => r.type === 'IP'));
  const domain = domainRules((policy?.rules ?? []).filter((r) => r.type === 'DOMAIN'));

  /** doThrottleByAccessRate; counters are kept per artifact, as MI's key adds ARTIFACT_NAME. */
  const rateAllows = (ctx: MessageContext): boolean => {
    const scope = ctx.artifact ? `${ctx.artifact.type}:${ctx.artifact.name}` : '';
    if (!domain.empty) {
      const name = remoteDomain(ctx);
      const m = name === undefined ? undefined : domain.match(name);
      if (m) return state.canAccess(`DOMAIN\u0000${scope}\u0000${m.key}`, m.rule, Date.now());
    }
    if (ip.empty) return true;
    const addr = remoteIp(ctx);
    const m = addr === undefined ? undefined : ip.match(addr);
    return m ? state.canAccess(`IP\u0000${scope}\u0000${m.key}`, m.rule, Date.now()) : true;
  };

  /** Runs the accepted message, holding its concurrency slot until its flow is over. */
  const held = (ctx: MessageContext): boolean | Promise<boolean> => {
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      state.release();
    };
    const responder = ctx.responder;
    if (responder?.onFinished) {
      responder.onFinished(release);
      return accept ? accept(ctx) : true;
    }
    if (!accept) {
      release();
      return true;
    }
    try {
      const r = accept(ctx);
      if (typeof r === 'boolean') release();
      else void r.then(release, release);
      return r;
    } catch (e) {
      release();
      throw e;
    }
  };

  return (ctx) => {
    // ThrottleMediator.mediate: only requests are throttled (and look up a policy by key).
    if (ctx.response) return true;
    if (read instanceof Error) throw read;
    let ok = state.acquire();
    const holding = ok && state.concurrent;
    if (ok && policy) {
      ok = rateAllows(ctx);
      // "if the access rate is less than maximum concurrent access … reset": the slot goes back.
      if (!ok && holding) state.release();
    }
    if (ok) return holding ? held(ctx) : accept ? accept(ctx) : true;
    return reject ? reject(ctx) : false;
  };
};
