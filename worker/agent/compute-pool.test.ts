import { expect, test } from 'vitest';
import { createComputePool } from './compute-pool.ts';
import type { ComputeHandle } from './task-runner.ts';

function fakeHandle(log: string[], id: number): ComputeHandle {
  // Only identity and termination matter to the pool; the remote API is never called here.
  return { api: {} as ComputeHandle['api'], crashed: new Promise(() => {}), terminate: () => { log.push(`terminate ${id}`); } }; // as: unused by the pool
}

test('reuses a Worker that ended cleanly and terminates one that did not', () => {
  const log: string[] = [];
  let spawned = 0;
  const pool = createComputePool(() => fakeHandle(log, ++spawned), () => 1);
  const first = pool.acquire();
  pool.release(first, true);
  expect(pool.acquire()).toBe(first);
  pool.release(first, false);
  expect(log).toEqual(['terminate 1']);
  expect(pool.acquire()).not.toBe(first);
  expect(spawned).toBe(2);
});

test('keeps at most maxIdle Workers and drains them on demand', () => {
  const log: string[] = [];
  let spawned = 0;
  const pool = createComputePool(() => fakeHandle(log, ++spawned), () => 1);
  const [a, b] = [pool.acquire(), pool.acquire()];
  pool.release(a, true);
  pool.release(b, true);
  expect(log).toEqual(['terminate 2']);
  pool.drain();
  expect(log).toEqual(['terminate 2', 'terminate 1']);
});

test('warms one Worker ahead of need and hands it to the next task instead of spawning another', () => {
  const log: string[] = [];
  let spawned = 0;
  const pool = createComputePool(() => fakeHandle(log, ++spawned), () => 1);
  pool.warm();
  pool.warm(); // one idle Worker is enough: a second warm spawns nothing
  expect(spawned).toBe(1);
  pool.acquire();
  expect(spawned).toBe(1);
  pool.warm();
  expect(spawned).toBe(2);
  pool.drain();
  expect(log).toEqual(['terminate 2']);
});
