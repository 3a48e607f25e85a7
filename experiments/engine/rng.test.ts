import { describe, expect, test } from 'vitest';
import { fc, test as propTest } from '@fast-check/vitest';
import {
  fnv1a64String, normalAt, openStream, permutation, streamKey, u64At, u64Hex, uniformAt,
} from './rng.ts';

// An independent BigInt transcription of spec §1.2, written out here (not calling rng.ts), so the uint32-pair
// implementation is checked against the text of the spec as well as against its table.
const M64 = (1n << 64n) - 1n;
function bigMix(z0: bigint): bigint {
  let z = z0 & M64;
  z ^= z >> 30n;
  z = (z * 0xbf58476d1ce4e5b9n) & M64;
  z ^= z >> 27n;
  z = (z * 0x94d049bb133111ebn) & M64;
  z ^= z >> 31n;
  return z;
}
function bigFnv(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  // UTF-8 by the standard's bit layout (the test's lib has no TextEncoder).
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 + Math.floor(cp / 64), 0x80 + (cp % 64));
    else if (cp < 0x10000) bytes.push(0xe0 + Math.floor(cp / 4096), 0x80 + (Math.floor(cp / 64) % 64), 0x80 + (cp % 64));
    else bytes.push(0xf0 + Math.floor(cp / 262144), 0x80 + (Math.floor(cp / 4096) % 64), 0x80 + (Math.floor(cp / 64) % 64), 0x80 + (cp % 64));
  }
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & M64;
  }
  return h;
}
const bigKey = (seed: number, label: string): bigint => bigMix(bigFnv(`axk1/${label}`) ^ BigInt(seed));
const bigU64 = (key: bigint, i: number): bigint => bigMix(key + BigInt(i + 1) * 0x9e3779b97f4a7c15n);
const bigUniform = (key: bigint, i: number): number => Number(bigU64(key, i) >> 11n) * 2 ** -53;
function bigPermutation(seed: number, label: string, n: number): number[] {
  const key = bigKey(seed, label);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i >= 1; i--) {
    const j = Math.floor(bigUniform(key, n - 1 - i) * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}
const hex = (v: bigint): string => v.toString(16).padStart(16, '0');

describe('spec §1.2 test vectors', () => {
  const DATA_SEED = 20260302;
  test('fnv1a64("axk1/T1/x")', () => {
    expect(u64Hex(fnv1a64String('axk1/T1/x'))).toBe('3b37da28f3f7840d');
    expect(hex(bigFnv('axk1/T1/x'))).toBe('3b37da28f3f7840d');
  });
  test('key of T1/x with data_seed 20260302', () => {
    expect(u64Hex(streamKey(DATA_SEED, 'T1/x'))).toBe('517a24b7db548296');
    expect(hex(bigKey(DATA_SEED, 'T1/x'))).toBe('517a24b7db548296');
  });
  test('u64_0 and u64_1', () => {
    const key = streamKey(DATA_SEED, 'T1/x');
    expect([u64Hex(u64At(key, 0)), u64Hex(u64At(key, 1))]).toEqual(['a51db6ef90b01d6a', '5a8aac8e6918d737']);
    const bk = bigKey(DATA_SEED, 'T1/x');
    expect([hex(bigU64(bk, 0)), hex(bigU64(bk, 1))]).toEqual(['a51db6ef90b01d6a', '5a8aac8e6918d737']);
  });
  test('uniforms u_0, u_1', () => {
    const s = openStream(DATA_SEED, 'T1/x');
    expect(s.uniform()).toBe(0.6449846587062783);
    expect(s.uniform()).toBe(0.35367849804706286);
    expect(s.counter).toBe(2);
    const bk = bigKey(DATA_SEED, 'T1/x');
    expect([bigUniform(bk, 0), bigUniform(bk, 1)]).toEqual([0.6449846587062783, 0.35367849804706286]);
  });
  test('normals z_0, z_1 in float64 and float32', () => {
    const s = openStream(DATA_SEED, 'T1/x');
    const z0 = s.normal();
    const z1 = s.normal();
    expect(z0).toBe(-0.8726003914381749);
    expect(z1).toBe(1.1444462014088197);
    expect(Math.fround(z0)).toBe(-0.8726003766059875);
    expect(Math.fround(z1)).toBe(1.1444462537765503);
    // Box-Muller written out from the BigInt uniforms.
    const bk = bigKey(DATA_SEED, 'T1/x');
    const r = Math.sqrt(-2 * Math.log(1 - bigUniform(bk, 0)));
    const t = 2 * Math.PI * bigUniform(bk, 1);
    expect([r * Math.cos(t), r * Math.sin(t)]).toEqual([z0, z1]);
  });
  test('permutation of 10 from shuffle/e1, seed 1', () => {
    expect(Array.from(permutation(1, 'shuffle/e1', 10))).toEqual([3, 6, 0, 9, 5, 2, 8, 1, 4, 7]);
    expect(bigPermutation(1, 'shuffle/e1', 10)).toEqual([3, 6, 0, 9, 5, 2, 8, 1, 4, 7]);
  });
  test('default T1 class counts (580, 412, 531, 462, 515), T1 of §1.5 written out on the BigInt streams', () => {
    const normals = (label: string, count: number): number[] => {
      const key = bigKey(DATA_SEED, label);
      const out: number[] = [];
      for (let k = 0; out.length < count; k += 2) {
        const r = Math.sqrt(-2 * Math.log(1 - bigUniform(key, k)));
        const t = 2 * Math.PI * bigUniform(key, k + 1);
        out.push(r * Math.cos(t), r * Math.sin(t));
      }
      return out.slice(0, count);
    };
    const [d, h, K, n] = [20, 32, 5, 2500];
    const x = normals('T1/x', n * d);
    const A = normals('T1/teacher/A', h * d).map((v) => v / Math.sqrt(d));
    const C = normals('T1/teacher/C', K * h).map((v) => v / Math.sqrt(h));
    const z = Array.from({ length: n }, (_, s) => {
      const hid = Array.from({ length: h }, (_, r) => Math.tanh(x.slice(s * d, s * d + d).reduce((acc, v, j) => acc + A[r * d + j]! * v, 0)));
      return Array.from({ length: K }, (_, q) => hid.reduce((acc, v, r) => acc + C[q * h + r]! * v, 0));
    });
    const means = Array.from({ length: K }, (_, q) => z.reduce((acc, row) => acc + row[q]!, 0) / n);
    const counts = [0, 0, 0, 0, 0];
    for (const row of z) {
      const centred = row.map((v, q) => v - means[q]!);
      counts[centred.indexOf(Math.max(...centred))]! += 1;
    }
    expect(counts).toEqual([580, 412, 531, 462, 515]);
  });
});

describe('uint32-pair arithmetic equals the BigInt transcription', () => {
  propTest.prop([fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.string({ maxLength: 30, unit: 'grapheme' }),
    fc.integer({ min: 0, max: 2 ** 40 })])('element i of any stream', (seed, label, i) => {
    const key = streamKey(seed, label);
    const bk = bigKey(seed, label);
    expect(u64Hex(key)).toBe(hex(bk));
    expect(u64Hex(u64At(key, i))).toBe(hex(bigU64(bk, i)));
    expect(uniformAt(key, i)).toBe(bigUniform(bk, i));
  });

  propTest.prop([fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 200 })])(
    'permutation is a bijection equal to the BigInt one', (seed, n) => {
      const p = Array.from(permutation(seed, 'shuffle/e3', n));
      expect(p).toEqual(bigPermutation(seed, 'shuffle/e3', n));
      expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    });
});

describe('stream counter', () => {
  test('resuming at a counter continues the same sequence', () => {
    const a = openStream(7, 'init/w8/L0');
    const first = Array.from({ length: 9 }, () => a.normal());
    const b = openStream(7, 'init/w8/L0', 5);
    expect(b.normal()).toBe(first[5]);
    expect(b.normal()).toBe(first[6]);
    expect(b.counter).toBe(7);
    expect(normalAt(a.key, 3)).toBe(first[3]);
  });
  test('sequential generation is fast enough for a width-512 init (300k normals)', () => {
    // Not a benchmark: a loose guard against an accidental slow path (measured: ~40 ms for 300k on an idle core).
    const s = openStream(1, 'speed');
    const t0 = Date.now();
    let acc = 0;
    for (let i = 0; i < 300_000; i++) acc += s.normal();
    const ms = Date.now() - t0;
    expect(Number.isFinite(acc)).toBe(true);
    expect(ms).toBeLessThan(1500);
  });
});
