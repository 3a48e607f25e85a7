import { describe, expect, test } from 'vitest';
import { classCounts, makeT1 } from './t1-dataset.ts';

describe('T1 teacher-student data (spec §1.5)', () => {
  const t1 = makeT1(20260302);

  test('default T1 class counts for data_seed 20260302 are the spec\'s (580, 412, 531, 462, 515)', () => {
    const all = new Uint8Array([...t1.train.labels, ...t1.test.labels]);
    expect(classCounts(all, 5)).toEqual([580, 412, 531, 462, 515]);
  });

  test('x is the T1/x stream rounded to float32, training rows first', () => {
    expect(t1.train.x.length).toBe(2000 * 20);
    expect(t1.test.x.length).toBe(500 * 20);
    // spec §1.2 table: normals z_0, z_1 of T1/x in float32
    expect(t1.train.x[0]).toBe(-0.8726003766059875);
    expect(t1.train.x[1]).toBe(1.1444462537765503);
  });

  test('label noise changes only training labels, about q·(K-1)/K of them', () => {
    const noisy = makeT1(20260302, { labelNoise: 0.2 });
    expect(noisy.test.labels).toEqual(t1.test.labels);
    let changed = 0;
    for (let i = 0; i < 2000; i++) if (noisy.train.labels[i] !== t1.train.labels[i]) changed++;
    // expected 2000 · 0.2 · 0.8 = 320; binomial sd ≈ 17
    expect(changed).toBeGreaterThan(250);
    expect(changed).toBeLessThan(390);
  });
});
