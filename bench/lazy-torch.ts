import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { EpochTimer } from './lazy-measure.ts';

/** Debian's interpreter: python3-torch is installed for it, not for a pyenv python3 earlier on PATH (spec §3). */
const PYTHON = '/usr/bin/python3';

const TorchInfo = z.object({ torch: z.string(), blas: z.string(), torchThreads: z.number(), openblasThreads: z.string().nullable() });
export type TorchInfo = z.infer<typeof TorchInfo>;
const TorchReply = z.union([z.object({ epochMs: z.array(z.number()) }), z.object({ error: z.string() })]);

export interface TorchLazy {
  readonly info: TorchInfo;
  /** Builds the model at `width` in python and runs its warm-up epoch; epochs are then timed inside python. */
  prepare(width: number): Promise<EpochTimer>;
  close(): void;
}

/**
 * Starts bench/torch/lazy_ref.py as a child serving epoch-timing requests, so PyTorch takes turns with the other
 * engines. One core: OpenBLAS with one thread and one torch thread (2 BLAS threads on 2 cores made spec §3's run
 * 14–47× slower).
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
  failed.catch(() => undefined); // observed through nextLine(); after close() nobody waits for it any more
  const nextLine = async (): Promise<unknown> => {
    const line = await Promise.race([lines.next(), failed]);
    if (line.done === true) throw new Error(`${script} closed its output: ${stderr.trim()}`);
    return JSON.parse(line.value);
  };
  const ask = async (request: string): Promise<number[]> => {
    child.stdin.write(`${request}\n`);
    const reply = TorchReply.parse(await nextLine());
    if ('error' in reply) throw new Error(`${script}: ${reply.error}`);
    return reply.epochMs;
  };
  const info = TorchInfo.parse(await nextLine());
  return {
    info,
    async prepare(width) {
      await ask(`prepare ${width}`);
      return { epochs: (count) => ask(`epochs ${count}`), dispose: () => Promise.resolve() };
    },
    close() { child.stdin.end(); },
  };
}
