import type { ComputeApi } from './compute-protocol.ts';
import { runKernel, type RunKernelDeps } from './run-kernel.ts';

/** The compute Worker's API over `runKernel`: one task at a time, soft stop through an AbortController. */
export function createComputeApi(deps: Omit<RunKernelDeps, 'cpuLimitPct'>): ComputeApi {
  let controller: AbortController | null = null;
  let cpuLimitPct = 100;
  return {
    async run(request, onEvent) {
      if (controller !== null) {
        return { kind: 'failed', code: 'conflict', message: 'This compute Worker is already running a task.' };
      }
      controller = new AbortController();
      cpuLimitPct = request.cpuLimitPct;
      try {
        return await runKernel(request, onEvent, { ...deps, cpuLimitPct: () => cpuLimitPct }, controller.signal);
      } finally {
        controller = null;
      }
    },
    stop() {
      controller?.abort(new DOMException('Stopped by the volunteer', 'AbortError'));
      return Promise.resolve();
    },
    setCpuLimit(pct) {
      cpuLimitPct = pct;
      return Promise.resolve();
    },
  };
}
