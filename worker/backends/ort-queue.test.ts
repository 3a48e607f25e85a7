import { describe, expect, it } from 'vitest';
import { createOrtQueue } from './ort-queue.ts';

describe('createOrtQueue', () => {
  it('never overlaps tasks and keeps call order, even after a failure', async () => {
    const queue = createOrtQueue();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, fail = false) => queue.run(async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${name}`);
      running--;
      if (fail) throw new Error(`boom ${name}`);
      return name;
    });
    const results = await Promise.allSettled([task('a'), task('b', true), task('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
