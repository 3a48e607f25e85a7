import { z } from 'zod';

/** The kernel spec id of `reference/experiments.md`; results are never compared across ids. */
export const SPEC_ID = 'axk-1.0';

export const ExperimentName = z.enum([
  'lazy_vs_feature_learning', 'spectral_dynamics', 'neural_thermodynamics_v2', 'catapult', 'samsgdv2',
  'double_descent_v2', 'grokking', 'info_bottleneck', 'eigenspectrum', 'featlearn',
]);
export type ExperimentName = z.infer<typeof ExperimentName>;

const Seed = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The fields a workunit and its result share: the result echoes its input (spec §1.1). */
const EnvelopeHead = z.object({
  experiment: ExperimentName,
  spec: z.literal(SPEC_ID),
  wu_id: z.string().min(1).max(200),
  seed: Seed,
  data_seed: Seed,
  params: z.record(z.string(), z.unknown()),
});

/** Workunit input (spec §1.1), server to volunteer. `params` holds overrides; the experiment's schema resolves them. */
export const WorkunitInput = EnvelopeHead.extend({ replica_of: z.string().max(200).nullable() });
export type WorkunitInput = z.infer<typeof WorkunitInput>;

/** Engine names of spec §1.1. */
export const EngineName = z.enum(['ts-ref', 'wasm-simd', 'webgpu', 'torch-ref']);
export type EngineName = z.infer<typeof EngineName>;

/** FNV-1a-64 hash (16 lowercase hex digits) with float64 sum and sum of squares (spec §1.7). */
export const FingerprintPart = z.object({
  hash: z.string().regex(/^[0-9a-f]{16}$/),
  sum: z.number(),
  sumsq: z.number(),
});
export type FingerprintPart = z.infer<typeof FingerprintPart>;

export const Fingerprints = z.object({
  x_train: FingerprintPart.nullable(),
  labels: FingerprintPart.nullable(),
  init: FingerprintPart.nullable(),
  perm: FingerprintPart.nullable(),
});
export type Fingerprints = z.infer<typeof Fingerprints>;

export const RunStatus = z.enum(['ok', 'diverged', 'budget_exceeded']);
export type RunStatus = z.infer<typeof RunStatus>;

/**
 * Result envelope (spec §1.1), volunteer to server. `summary` and `curves` are parsed later by the experiment's own
 * schema. zod's number rejects NaN and ±Infinity, so a non-finite value can never enter (spec: write `null`).
 */
export const ResultEnvelope = EnvelopeHead.extend({
  impl: z.object({ engine: EngineName, version: z.string().max(100), precision: z.literal('f32') }),
  fingerprints: Fingerprints,
  canary: z.object({ losses: z.array(z.number()).length(10) }),
  summary: z.record(z.string(), z.unknown()),
  curves: z.record(z.string(), z.unknown()),
  status: z.union([RunStatus, z.record(z.string(), RunStatus)]),
  timing: z.object({ wall_s: z.number().nonnegative(), train_s: z.number().nonnegative() }),
  flops: z.object({ model: z.number().nonnegative(), metrics: z.number().nonnegative() }),
});
export type ResultEnvelope = z.infer<typeof ResultEnvelope>;
