/**
 * Running compiled lists: children in order, stopping at the first that returns false
 * (AbstractListMediator). Synchronous steps never allocate a promise.
 */
import type { Step } from './mediation-types.js';
import type { MessageContext } from '../message/message-context.js';

const CONTINUE: Step = () => true;

function runFrom(steps: readonly Step[], start: number, ctx: MessageContext): boolean | Promise<boolean> {
  for (let i = start; i < steps.length; i++) {
    const r = (steps[i] as Step)(ctx);
    if (r === true) continue;
    if (r === false) return false;
    return r.then((ok) => (ok ? runFrom(steps, i + 1, ctx) : false));
  }
  return true;
}

/** Joins steps into one. */
export function sequenceOf(steps: readonly Step[]): Step {
  if (steps.length === 0) return CONTINUE;
  if (steps.length === 1) return steps[0] as Step;
  if (steps.length === 2) {
    const [a, b] = steps as [Step, Step];
    return (ctx) => {
      const r = a(ctx);
      if (r === true) return b(ctx);
      if (r === false) return false;
      return r.then((ok) => (ok ? b(ctx) : false));
    };
  }
  return (ctx) => runFrom(steps, 0, ctx);
}
