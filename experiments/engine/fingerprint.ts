import type { FingerprintPart } from '../../shared/envelope.ts';
import { fnv1a64, u64Hex } from './rng.ts';

/**
 * Fingerprint of spec §1.7: FNV-1a-64 of the little-endian bytes of the values as stored (float32, one byte per label,
 * uint32 per permutation entry), as 16 lowercase hex digits, plus the float64 sum and sum of squares of the values.
 */
export function fingerprint(values: Float32Array | Uint8Array | Uint32Array): FingerprintPart {
  const bytes = new Uint8Array(values.byteLength);
  const view = new DataView(bytes.buffer);
  if (values instanceof Float32Array) values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  else if (values instanceof Uint32Array) values.forEach((v, i) => view.setUint32(i * 4, v, true));
  else bytes.set(values);
  let sum = 0;
  let sumsq = 0;
  for (const v of values) {
    sum += v;
    sumsq += v * v;
  }
  return { hash: u64Hex(fnv1a64(bytes)), sum, sumsq };
}

/**
 * Whether two fingerprints count as equal (spec §1.7): same hash, or a different hash with both sums within rtol
 * 1e-6 (the rare 1-ulp normal from a different libm).
 */
export function fingerprintsMatch(a: FingerprintPart | null, b: FingerprintPart | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.hash === b.hash) return true;
  const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y));
  return close(a.sum, b.sum) && close(a.sumsq, b.sumsq);
}
