import { describe, expect, test } from 'vitest';
import { fingerprint, fingerprintsMatch } from './fingerprint.ts';

describe('fingerprints (spec §1.7)', () => {
  test('hash is FNV-1a-64 of the little-endian bytes', () => {
    // FNV-1a-64 of the empty input is the offset basis; of the single byte 0x61 ('a') the published af63dc4c8601ec8c.
    expect(fingerprint(new Uint8Array([])).hash).toBe('cbf29ce484222325');
    expect(fingerprint(new Uint8Array([0x61])).hash).toBe('af63dc4c8601ec8c');
    // 1.0f is 00 00 80 3f little-endian; uint32 0x61 is 61 00 00 00.
    const f = fingerprint(new Float32Array([1]));
    const bytes = fingerprint(new Uint8Array([0, 0, 0x80, 0x3f]));
    expect(f.hash).toBe(bytes.hash);
    expect(fingerprint(new Uint32Array([0x61])).hash).toBe(fingerprint(new Uint8Array([0x61, 0, 0, 0])).hash);
  });
  test('sum and sumsq are float64 over the stored values', () => {
    const f = fingerprint(new Float32Array([0.1, -2]));
    expect(f.sum).toBe(Math.fround(0.1) - 2);
    expect(f.sumsq).toBe(Math.fround(0.1) ** 2 + 4);
  });
  test('a differing hash with sums within 1e-6 still matches; beyond that it does not', () => {
    const a = { hash: '0000000000000001', sum: 1, sumsq: 2 };
    expect(fingerprintsMatch(a, { ...a, hash: '0000000000000002', sum: 1 + 1e-7 })).toBe(true);
    expect(fingerprintsMatch(a, { ...a, hash: '0000000000000002', sum: 1 + 1e-5 })).toBe(false);
    expect(fingerprintsMatch(null, null)).toBe(true);
    expect(fingerprintsMatch(a, null)).toBe(false);
  });
});
