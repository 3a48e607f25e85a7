// Counter-based SplitMix64 streams of spec §1.2 (reference/experiments.md). A stream is its 64-bit key plus an
// element counter, so any element can be recomputed on any engine and a checkpoint only needs the counter.
// 64-bit values are pairs of uint32 (hi, lo) held in plain numbers: BigInt was 2.5x slower in Node 20 (7.8M normals/s
// here vs 3.1M/s), and a T1 dataset plus a width-512 init need ~350k normals.

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

// Scratch result of the 64-bit helpers, to avoid allocating an object per element in the hot loops.
let rHi = 0;
let rLo = 0;

/** High 32 bits of the 64-bit product of two uint32 values (exact: every partial product is < 2^32). */
function mulHi32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) >>> 0;
}

/** (aHi, aLo) * (bHi, bLo) mod 2^64 into (rHi, rLo). */
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const hi = mulHi32(aLo, bLo) + Math.imul(aLo, bHi) + Math.imul(aHi, bLo);
  rLo = Math.imul(aLo, bLo) >>> 0;
  rHi = hi >>> 0;
}

/** (aHi, aLo) + (bHi, bLo) mod 2^64 into (rHi, rLo). */
function add64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = aLo + bLo;
  rLo = lo >>> 0;
  rHi = (aHi + bHi + (lo >= TWO_POW_32 ? 1 : 0)) >>> 0;
}

/** SplitMix64 finaliser `mix(z)` of spec §1.2 into (rHi, rLo). */
function mix(zHi: number, zLo: number): void {
  let hi = zHi;
  let lo = zLo;
  // z ^= z >> 30
  lo = (lo ^ ((lo >>> 30) | (hi << 2))) >>> 0;
  hi = (hi ^ (hi >>> 30)) >>> 0;
  mul64(hi, lo, 0xbf58476d, 0x1ce4e5b9);
  hi = rHi;
  lo = rLo;
  // z ^= z >> 27
  lo = (lo ^ ((lo >>> 27) | (hi << 5))) >>> 0;
  hi = (hi ^ (hi >>> 27)) >>> 0;
  mul64(hi, lo, 0x94d049bb, 0x133111eb);
  hi = rHi;
  lo = rLo;
  // z ^= z >> 31
  lo = (lo ^ ((lo >>> 31) | (hi << 1))) >>> 0;
  hi = (hi ^ (hi >>> 31)) >>> 0;
  rHi = hi;
  rLo = lo;
}

const GOLDEN_HI = 0x9e3779b9;
const GOLDEN_LO = 0x7f4a7c15;

/** A 64-bit value as (hi, lo) uint32 halves. */
export interface U64 {
  readonly hi: number;
  readonly lo: number;
}

/** The 64-bit value as 16 lowercase hex digits. */
export function u64Hex(v: U64): string {
  return v.hi.toString(16).padStart(8, '0') + v.lo.toString(16).padStart(8, '0');
}

/** FNV-1a 64 (offset 0xCBF29CE484222325, prime 0x100000001B3) of bytes, continuing from `start` when given. */
export function fnv1a64(bytes: Uint8Array, start: U64 = { hi: 0xcbf29ce4, lo: 0x84222325 }): U64 {
  let hi = start.hi;
  let lo = start.lo;
  for (let i = 0; i < bytes.length; i++) {
    lo = (lo ^ (bytes[i] ?? 0)) >>> 0;
    // prime = 2^40 + 0x1B3: (hi, lo) * prime = (hi, lo) * 0x1B3 + ((lo << 8) in the high word)
    const newHi = mulHi32(lo, 0x1b3) + Math.imul(hi, 0x1b3) + Math.imul(lo, 0x100);
    lo = Math.imul(lo, 0x1b3) >>> 0;
    hi = newHi >>> 0;
  }
  return { hi, lo };
}

/** UTF-8 bytes of a string (kernels' lib has no TextEncoder; labels are short). Lone surrogates become U+FFFD. */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}

/** FNV-1a 64 of the UTF-8 bytes of a string. */
export function fnv1a64String(text: string): U64 {
  return fnv1a64(utf8Bytes(text));
}

function seedHalves(seed: number): U64 {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be an integer in 0..2^53-1, got ${seed}`);
  return { hi: Math.floor(seed / TWO_POW_32) >>> 0, lo: seed >>> 0 };
}

/** Stream key for label L: `mix(fnv1a64("axk1/" + L) XOR seed)` (spec §1.2). */
export function streamKey(seed: number, label: string): U64 {
  const h = fnv1a64String(`axk1/${label}`);
  const s = seedHalves(seed);
  mix((h.hi ^ s.hi) >>> 0, (h.lo ^ s.lo) >>> 0);
  return { hi: rHi, lo: rLo };
}

/** Element i of the stream with this key, `mix(key + (i + 1) * 0x9E3779B97F4A7C15)`, into (rHi, rLo). */
function elementInto(key: U64, i: number): void {
  const n = i + 1;
  mul64(Math.floor(n / TWO_POW_32) >>> 0, n >>> 0, GOLDEN_HI, GOLDEN_LO);
  add64(key.hi, key.lo, rHi, rLo);
  mix(rHi, rLo);
}

/** The raw 64-bit element i of a stream. */
export function u64At(key: U64, i: number): U64 {
  elementInto(key, i);
  return { hi: rHi, lo: rLo };
}

/** Uniform element i in [0, 1): `(u64_i >> 11) * 2^-53`. */
export function uniformAt(key: U64, i: number): number {
  elementInto(key, i);
  return (rHi * 2097152 + (rLo >>> 11)) * TWO_POW_MINUS_53;
}

/** Normal element i (Box-Muller on the uniform pair 2k, 2k+1 with k = floor(i / 2)), float64. */
export function normalAt(key: U64, i: number): number {
  const k = i - (i % 2);
  const u0 = uniformAt(key, k);
  const u1 = uniformAt(key, k + 1);
  const r = Math.sqrt(-2 * Math.log(1 - u0));
  const t = 2 * Math.PI * u1;
  return i % 2 === 0 ? r * Math.cos(t) : r * Math.sin(t);
}

/**
 * A sequential view of one stream. Uniform and normal element i share one index space (normal i uses the uniforms of
 * its pair), so `counter` is always "the next element index". Example: `openStream(20260302, 'T1/x').uniform()` is
 * 0.6449846587062783 and, from a fresh stream, `normal()` is -0.8726003914381749.
 */
export interface Stream {
  /** Index of the next element. */
  readonly counter: number;
  readonly key: U64;
  /** Next uniform in [0, 1). */
  uniform(): number;
  /** Next normal (float64). */
  normal(): number;
}

/** Opens stream `label` keyed by `seed` at element `counter` (0 for a fresh stream). */
export function openStream(seed: number, label: string, counter = 0): Stream {
  const key = streamKey(seed, label);
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError(`stream counter must be >= 0, got ${counter}`);
  let next = counter;
  // Cache of the odd normal of the last Box-Muller pair, so sequential normals cost one pair per two values.
  let pairIndex = -1;
  let pairSin = 0;
  return {
    key,
    get counter() {
      return next;
    },
    uniform() {
      return uniformAt(key, next++);
    },
    normal() {
      const i = next++;
      if (i % 2 === 1) {
        if (pairIndex === i - 1) return pairSin;
        return normalAt(key, i);
      }
      const u0 = uniformAt(key, i);
      const u1 = uniformAt(key, i + 1);
      const r = Math.sqrt(-2 * Math.log(1 - u0));
      const t = 2 * Math.PI * u1;
      pairIndex = i;
      pairSin = r * Math.sin(t);
      return r * Math.cos(t);
    },
  };
}

/** Fills `out` with normals 0..out.length-1 of a stream (float64). */
export function fillNormals(seed: number, label: string, out: Float64Array): Float64Array {
  const s = openStream(seed, label);
  for (let i = 0; i < out.length; i++) out[i] = s.normal();
  return out;
}

/**
 * Fisher-Yates permutation of 0..n-1 (spec §1.2): for i = n-1 down to 1 with k = n-1-i, `j = floor(u_k * (i + 1))`,
 * swap(i, j), starting from the identity.
 */
export function permutation(seed: number, label: string, n: number): Uint32Array {
  const key = streamKey(seed, label);
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i >= 1; i--) {
    const j = Math.floor(uniformAt(key, n - 1 - i) * (i + 1));
    const tmp = perm[i] ?? 0;
    perm[i] = perm[j] ?? 0;
    perm[j] = tmp;
  }
  return perm;
}
