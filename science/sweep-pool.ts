import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ResultEnvelope, WorkunitInput } from '../shared/envelope.ts';
import { ChildReply, type SweepEngine } from './sweep-messages.ts';

const CHILD = fileURLToPath(new URL('./sweep-child.ts', import.meta.url));

/**
 * Runs workunits on `processes` child processes (one per core, each with its own engine instance) and returns the
 * results in input order. A failing workunit rejects the whole sweep: a science run with holes is not a result.
 */
export async function runSweep(inputs: readonly WorkunitInput[], options: {
  engine: SweepEngine; processes: number; onResult?: (done: number, total: number, r: ResultEnvelope) => void;
  /** Results already known (a resumed sweep), by input index. */
  known?: readonly (ResultEnvelope | undefined)[];
}): Promise<ResultEnvelope[]> {
  const results = inputs.map((_, i) => options.known?.[i]);
  const todo = inputs.flatMap((_, i) => (results[i] === undefined ? [i] : []));
  let next = 0;
  let done = inputs.length - todo.length;
  const children: ChildProcess[] = [];
  const lane = (): Promise<void> => new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(child);
    const dispatch = (): void => {
      const id = todo[next++];
      if (id === undefined) {
        child.disconnect();
        resolve();
        return;
      }
      child.send({ id, engine: options.engine, input: inputs[id] });
    };
    child.on('message', (raw) => {
      const msg = ChildReply.safeParse(raw);
      if (!msg.success) return reject(new Error(`sweep child sent an unexpected message: ${msg.error.message}`));
      if (msg.data.type === 'error') return reject(new Error(`workunit ${msg.data.id} failed: ${msg.data.message}`));
      if (msg.data.type === 'result') {
        results[msg.data.id] = msg.data.result;
        done += 1;
        options.onResult?.(done, inputs.length, msg.data.result);
      }
      dispatch();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) reject(new Error(`sweep child exited with code ${code}`));
    });
  });
  try {
    if (todo.length > 0) await Promise.all(Array.from({ length: Math.max(1, Math.min(options.processes, todo.length)) }, lane));
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill(); // a child whose ORT keeps handles open would linger
  }
  return results.map((r, i) => {
    if (r === undefined) throw new Error(`workunit ${i} has no result`);
    return r;
  });
}
