import { z } from 'zod';

export const BackendName = z.enum(['ort-wasm', 'ort-webgpu', 'reference']);
export type BackendName = z.infer<typeof BackendName>;

/** What a host can run, sent when it attaches and with each work request. */
export const Capabilities = z.object({
  /** Cores the volunteer lets us use (≤ navigator.hardwareConcurrency). */
  cores: z.number().int().min(1).max(1024),
  /** Device memory in MB, if the browser tells. */
  memoryMb: z.number().int().nonnegative().max(16_777_216).nullable(),
  backends: z.array(BackendName).min(1).max(3),
  /** Human-readable platform: user agent, or `node`/`boinc` for native hosts. */
  platform: z.string().max(400),
  /** Adapter string of the WebGPU backend, `none` without one. */
  adapter: z.string().max(200),
  /** Measured speed of the chosen backend, FLOP/s; null before the first measurement. */
  flopsPerSecond: z.number().positive().max(1e16).nullable(),
});
export type Capabilities = z.infer<typeof Capabilities>;
