import { fillNormals, openStream } from './rng.ts';

/** T1 teacher-student parameters (spec §1.5). Defaults: d 20, K 5, 2000/500, h_t 32, no label noise. */
export interface T1Options {
  readonly d: number;
  readonly k: number;
  readonly nTrain: number;
  readonly nTest: number;
  readonly teacherWidth: number;
  /** Label noise q on the training set (0 = none). */
  readonly labelNoise: number;
}

export const T1_DEFAULTS: T1Options = { d: 20, k: 5, nTrain: 2000, nTest: 500, teacherWidth: 32, labelNoise: 0 };

/** A classification set: `x` (n × d, row-major float32) and labels in 0..K-1. */
export interface LabelledSet {
  readonly x: Float32Array;
  readonly labels: Uint8Array;
  readonly n: number;
}

export interface T1Dataset {
  readonly d: number;
  readonly k: number;
  readonly train: LabelledSet;
  readonly test: LabelledSet;
}

/**
 * The T1 dataset of spec §1.5 for `dataSeed`: x ~ N(0, I_d) from `T1/x` (training rows first), teacher logits
 * z = C tanh(A x) in float64 from the unrounded normals, each class column centred over all samples, label = argmax
 * (ties to the lowest index), then optional label noise on the training set from `T1/noise`.
 */
export function makeT1(dataSeed: number, options: Partial<T1Options> = {}): T1Dataset {
  const o: T1Options = { ...T1_DEFAULTS, ...options };
  const { d, k, nTrain, nTest, teacherWidth: h } = o;
  const n = nTrain + nTest;
  const x64 = fillNormals(dataSeed, 'T1/x', new Float64Array(n * d));
  const a = fillNormals(dataSeed, 'T1/teacher/A', new Float64Array(h * d));
  const c = fillNormals(dataSeed, 'T1/teacher/C', new Float64Array(k * h));
  const sa = 1 / Math.sqrt(d);
  const sc = 1 / Math.sqrt(h);
  for (let i = 0; i < a.length; i++) a[i] = (a[i] ?? 0) * sa;
  for (let i = 0; i < c.length; i++) c[i] = (c[i] ?? 0) * sc;

  const logits = new Float64Array(n * k);
  const hidden = new Float64Array(h);
  for (let s = 0; s < n; s++) {
    for (let r = 0; r < h; r++) {
      let acc = 0;
      for (let j = 0; j < d; j++) acc += (a[r * d + j] ?? 0) * (x64[s * d + j] ?? 0);
      hidden[r] = Math.tanh(acc);
    }
    for (let q = 0; q < k; q++) {
      let acc = 0;
      for (let r = 0; r < h; r++) acc += (c[q * h + r] ?? 0) * (hidden[r] ?? 0);
      logits[s * k + q] = acc;
    }
  }
  for (let q = 0; q < k; q++) {
    let mean = 0;
    for (let s = 0; s < n; s++) mean += logits[s * k + q] ?? 0;
    mean /= n;
    for (let s = 0; s < n; s++) logits[s * k + q] = (logits[s * k + q] ?? 0) - mean;
  }
  const labels = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    let best = 0;
    for (let q = 1; q < k; q++) if ((logits[s * k + q] ?? 0) > (logits[s * k + best] ?? 0)) best = q;
    labels[s] = best;
  }
  if (o.labelNoise > 0) {
    const noise = openStream(dataSeed, 'T1/noise');
    for (let s = 0; s < nTrain; s++) {
      const u0 = noise.uniform();
      const u1 = noise.uniform();
      if (u0 < o.labelNoise) labels[s] = Math.floor(u1 * k);
    }
  }
  const x32 = Float32Array.from(x64); // rounded once, only where stored as the input (spec §1.5)
  return {
    d,
    k,
    train: { x: x32.slice(0, nTrain * d), labels: labels.slice(0, nTrain), n: nTrain },
    test: { x: x32.slice(nTrain * d), labels: labels.slice(nTrain), n: nTest },
  };
}

/** Per-class counts of labels. */
export function classCounts(labels: Uint8Array, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
  return counts;
}
