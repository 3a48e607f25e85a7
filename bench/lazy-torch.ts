import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { WidthTiming } from './lazy-measure.ts';

/** Debian's interpreter: python3-torch is installed for it, not for a pyenv python3 earlier on PATH (spec §3). */
const PYTHON = '/usr/bin/python3';

const TorchInfo = z.object({ torch: z.string(), blas: z.string(), torchThreads: z.number(), openblasThreads: z.string().nullable() });
export type TorchInfo = z.infer<typeof TorchInfo>;
const TorchTiming = z.object({ width: z.number(), params: z.number(), steps: z.number(), msPerStep: z.number() });

export interface TorchLazy {
  readonly info: TorchInfo;
  /** Times one width inside python (≥ 200 steps after a warm-up epoch, and at least `budgetS`). */
  measure(width: number, budgetS: number): Promise<WidthTiming>;
  close(): void;
}

/**
 * Starts bench/torch/lazy_ref.py as a child serving timing requests, so widths can be interleaved with the other
 * engines (a shared machine's load then hits all engines alike). One core: OpenBLAS with one thread and one torch
 * thread (2 BLAS threads on 2 cores made spec §3's run 14–47× slower).
 */
export async function startTorchLazy(): Promise<TorchLazy> {
  const script = fileURLToPath(new URL('./torch/lazy_ref.py', import.meta.url));
  const child = spawn(PYTHON, [script, '--serve'], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const failed = new Promise<never>((_, reject) => {
    child.on('error', (error) => reject(new Error(`could not start ${PYTHON} (is python3-torch installed?)`, { cause: error })));
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}: ${stderr.trim()}`)));
  });
  failed.catch(() => undefined); // only observed through nextLine(); a clean close() also ends up here
  const nextLine = async (): Promise<unknown> => {
    const line = await Promise.race([lines.next(), failed]);
    if (line.done === true) throw new Error(`${script} closed its output: ${stderr.trim()}`);
    return JSON.parse(line.value);
  };
  const info = TorchInfo.parse(await nextLine());
  return {
    info,
    async measure(width, budgetS) {
      child.stdin.write(`${width} ${budgetS}\n`);
      return TorchTiming.parse(await nextLine());
    },
    close() { child.stdin.end(); },
  };
}
