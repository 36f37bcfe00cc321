/**
 * What the runtime reports: status and counters (polled), the last deploy, the deployments.
 */
import type { StateCreator } from 'zustand';
import type { RuntimeSlice, Studio, StudioInternals } from './studio-types.js';

export const createRuntimeSlice: StateCreator<Studio & StudioInternals, [], [], RuntimeSlice> = (set) => ({
  deploying: false,
  deployments: [],
  setRuntime(runtime) {
    set({ runtime });
  },
  setDeploying(deploying) {
    set({ deploying });
  },
  setLastDeploy(lastDeploy) {
    set({ lastDeploy });
  },
  setDeployments(deployments) {
    set({ deployments });
  },
});
