/**
 * @mediate/engine/runtime — the embedded mediation runtime (Node only).
 */
export {
  createRuntime,
  type Runtime,
  type RuntimeOptions,
  type DeployResult,
  type DeployChanges,
  type RuntimeStatus,
} from './runtime.js';
export { EventBus, type EventSubscriber, type SubscribeOptions, type EventInput } from './log/event-bus.js';
export { renderLogText, type LogSnapshot } from './log/log-text.js';
export { MessageContext } from './message/message-context.js';
export { Payload, EMPTY_ENVELOPE } from './message/payload.js';
export { compileExpression } from './expressions/compile-expression.js';
export type { ListenerInfo } from './deploy/listener-set.js';
