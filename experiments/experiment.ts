import type { ExperimentName, ResultEnvelope, WorkunitInput } from '../shared/envelope.ts';
import type { KernelContext } from './engine/kernel-context.ts';

/** One cell of a sweep: the overrides and seed of one workunit. */
export interface SweepCell {
  /** Stable, human-readable cell name, e.g. `lvf-lr0.05-s17`. Unique within a sweep. */
  readonly name: string;
  readonly seed: number;
  readonly params: Record<string, unknown>;
}

/** Outcome of comparing two replicas (spec §1.7), as BOINC's `compare_results`. */
export type CompareVerdict = { type: 'equivalent' } | { type: 'different'; reasons: string[] };

/** Per-result sanity (spec §5, settled): a failing result is INVALID and earns no credit. */
export type SanityVerdict = { type: 'ok' } | { type: 'failed'; reasons: string[] };

/** Params resolved against the experiment's schema, or the fields that are wrong. */
export type ParamsOutcome = { type: 'ok'; params: Record<string, unknown> } | { type: 'invalid'; issues: string[] };

/**
 * One experiment as the rest of the project sees it. `registry.ts` lists them; nothing else names them. The surface
 * takes untyped overrides and checkpoints on purpose: both come from the network or IndexedDB, so each experiment
 * parses them with its own schema.
 */
export interface Experiment {
  readonly name: ExperimentName;
  /** Bumped whenever outputs can change. */
  readonly appVersion: number;
  /** One sentence for volunteers: what this experiment tests. */
  readonly description: string;
  /** Resolves a workunit's `params` overrides to full params with the spec's defaults (unknown keys rejected). */
  resolveParams(overrides: Record<string, unknown>): ParamsOutcome;
  /** The default sweep (spec defaults × replicate seeds `0..seeds-1`). */
  defaultSweep(options: { seeds: number }): SweepCell[];
  /** FLOPs of one workunit by the rules of spec §1.8 (training + metrics), used for credit. Throws on invalid params. */
  estimateFlops(overrides: Record<string, unknown>): number;
  /** Total kernel steps of one workunit, for progress and ETA. Throws on invalid params. */
  totalSteps(overrides: Record<string, unknown>): number;
  /** Runs a workunit. `ctx.resumed` is foreign data: the kernel validates it and starts fresh if it does not fit. */
  run(input: WorkunitInput, ctx: KernelContext<unknown>): Promise<ResultEnvelope>;
  /** Per-result sanity checks (canary, floors, non-finite values, envelope matches its input). */
  check(input: WorkunitInput, result: ResultEnvelope): SanityVerdict;
  /** Replica comparison by the experiment's validation classes (spec §1.7). Symmetric. */
  compare(a: ResultEnvelope, b: ResultEnvelope): CompareVerdict;
  /** Science summary over many results. */
  summarize(results: readonly ResultEnvelope[]): ScienceSummary;
}

/** One acceptance check of spec §2 evaluated over a set of results. */
export interface AcceptanceCheck {
  readonly id: string;
  readonly description: string;
  readonly measured: string;
  readonly accepted: string;
  readonly pass: boolean | null;
}

export interface ScienceSummary {
  readonly experiment: ExperimentName;
  readonly resultCount: number;
  readonly checks: readonly AcceptanceCheck[];
  /** Key findings in one or two sentences each. */
  readonly findings: readonly string[];
  /** Aggregated numbers for charts (e.g. mean movement per width). */
  readonly series: Record<string, readonly number[]>;
}
