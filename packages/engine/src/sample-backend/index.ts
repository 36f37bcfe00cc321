/**
 * The sample WebSocket back end (`@mediate/engine/sample-backend`): product code, run by
 * `mediate backend` and by `mediate start` beside the bundled example, and used by the tests and
 * the bench as the back end the WSO2 docs' examples talk to.
 */
export {
  startSampleBackend,
  type SampleBackend,
  type SampleBackendHook,
  type SampleBackendOptions,
} from './sample-backend.js';
