import { describe, expect, test } from 'vitest';
import { initSp, parameterCount, weightCount } from './init.ts';
import { normalAt, streamKey } from './rng.ts';

describe('SP He init (spec §1.4)', () => {
  test('element (r, c) of layer l is normal r·fan_in + c of init/<tag>/L<l> times sqrt(g / fan_in), in float32', () => {
    const p = initSp(3, 'w8', [20, 8, 8, 5]);
    const k0 = streamKey(3, 'init/w8/L0');
    expect(p.weights[0]![2 * 20 + 7]).toBe(Math.fround(normalAt(k0, 2 * 20 + 7) * Math.sqrt(2 / 20)));
    const k2 = streamKey(3, 'init/w8/L2');
    expect(p.weights[2]![4 * 8 + 1]).toBe(Math.fround(normalAt(k2, 4 * 8 + 1) * Math.sqrt(1 / 8)));
    expect(p.biases.map((b) => b.length)).toEqual([8, 8, 5]);
    expect(p.biases.every((b) => b.every((v) => v === 0))).toBe(true);
  });

  test('init variance ratio sigma^2 fan_in / g is ~1 per layer (spec §1.6)', () => {
    const sizes = [20, 256, 256, 5];
    const p = initSp(0, 'w256', sizes);
    p.weights.forEach((w, l) => {
      const g = l === 2 ? 1 : 2;
      let ss = 0;
      for (const v of w) ss += v * v;
      const ratio = (ss / w.length) * sizes[l]! / g;
      expect(Math.abs(ratio - 1)).toBeLessThan(5 * Math.sqrt(2 / w.length));
    });
  });

  test('parameter and weight counts of 20-w-w-5 are w^2 + 27w + 5 and w^2 + 25w (spec E1)', () => {
    for (const w of [8, 512]) {
      expect(parameterCount([20, w, w, 5])).toBe(w * w + 27 * w + 5);
      expect(weightCount([20, w, w, 5])).toBe(w * w + 25 * w);
    }
  });
});
