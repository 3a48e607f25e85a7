import type { ComputeHandle } from './task-runner.ts';

/**
 * Idle compute Workers kept between tasks. A fresh Worker compiles ORT's 14 MB wasm again (1–2 s on our CI), which
 * for small workunits costs more than the task; a Worker that ended a task cleanly is reused instead. One that
 * crashed or was stopped mid-task is terminated, never reused.
 */
export function createComputePool(spawn: () => ComputeHandle, maxIdle: () => number) {
  const idle: ComputeHandle[] = [];
  return {
    acquire(): ComputeHandle {
      return idle.pop() ?? spawn();
    },
    /**
     * Spawns one Worker ahead of need when none is idle, so its engine starts loading (ORT's wasm: fetch, compile,
     * probe; ~2 s cold) while the agent still waits for the server's work reply.
     */
    warm(): void {
      if (idle.length === 0 && maxIdle() > 0) idle.push(spawn());
    },
    release(handle: ComputeHandle, isReusable: boolean): void {
      if (isReusable && idle.length < maxIdle()) idle.push(handle);
      else handle.terminate();
    },
    /** Terminates every idle Worker (the volunteer stopped, or lowered the cores). */
    drain(): void {
      for (const handle of idle.splice(0)) handle.terminate();
    },
  };
}

export type ComputePool = ReturnType<typeof createComputePool>;
