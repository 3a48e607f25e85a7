import type { Batch, MlpEngine, MlpModel, MlpShape } from '../experiments/engine/mlp-engine.ts';
import { syntheticBatches, syntheticParams } from '../experiments/engine/reference/synthetic-mlp.ts';

/*
 * The `lazy` benchmark's unit of work, shared by Node and the browser Worker so both time exactly the same thing:
 * one epoch of E1 training (MLP 20 → w → w → 5, ReLU, softmax CE, SGD lr 0.05) on 2000 random samples cut into
 * 31 batches of 64 and one of 16, as one `train()` call (as the kernel calls it).
 */

/** Widths of the printed table. */
export const TABLE_WIDTHS = [8, 64, 256, 512] as const;
/** Widths of a full E1 workunit (spec E1), for the whole-WU estimate. */
export const E1_WIDTHS = [8, 16, 32, 64, 128, 256, 512] as const;
/** SGD steps per width in an E1 workunit (150 epochs × 32 batches). */
export const STEPS_PER_WU_WIDTH = 4800;
export const SAMPLES = 2000;
export const BATCH = 64;
export const STEPS_PER_EPOCH = Math.ceil(SAMPLES / BATCH);

export interface WidthTiming {
  readonly width: number;
  /** Parameter count P = w² + 27w + 5. */
  readonly params: number;
  /** Median over timed epochs of (epoch ms / 32): the typical speed. */
  readonly msPerStep: number;
  /** Fastest epoch / 32: the speed least disturbed by other processes on a shared machine. */
  readonly msPerStepBest: number;
  /** Steps timed (warm-up excluded). */
  readonly steps: number;
}

export const e1Shape = (width: number): MlpShape => ({ sizes: [20, width, width, 5], activation: 'relu' });

/** One epoch of random data: 31 batches of 64 and one of 16. */
export function epochBatches(shape: MlpShape, seed: number): Batch[] {
  const full = Math.floor(SAMPLES / BATCH);
  const rest = SAMPLES - full * BATCH;
  return [...syntheticBatches(shape, BATCH, full, seed), ...(rest > 0 ? syntheticBatches(shape, rest, 1, seed + 1) : [])];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Summarises the epoch times of one width. */
export function summarizeEpochs(width: number, epochMs: readonly number[]): WidthTiming {
  if (epochMs.length === 0) throw new Error(`no epochs timed at width ${width}`);
  return {
    width,
    params: width * width + 27 * width + 5,
    msPerStep: median(epochMs) / STEPS_PER_EPOCH,
    msPerStepBest: Math.min(...epochMs) / STEPS_PER_EPOCH,
    steps: epochMs.length * STEPS_PER_EPOCH,
  };
}

/** An engine set up at one width, ready to time epochs one at a time. */
export interface EpochTimer {
  /** Runs `count` epochs and returns each one's milliseconds. */
  epochs(count: number): Promise<number[]>;
  dispose(): Promise<void>;
}

/** Creates the model at `width` and runs one untimed warm-up epoch (session creation, JIT, allocator). */
export async function prepareEpochTimer(engine: MlpEngine, width: number, now: () => number): Promise<EpochTimer> {
  const shape = e1Shape(width);
  const model: MlpModel = await engine.createModel(shape, syntheticParams(shape, width));
  const batches = epochBatches(shape, 1000 + width);
  const warm = await model.train(batches, 0.05);
  if (!warm.every(Number.isFinite)) throw new Error(`${engine.name} w=${width}: non-finite loss in warm-up`);
  return {
    async epochs(count) {
      const out: number[] = [];
      for (let i = 0; i < count; i++) {
        const t0 = now();
        await model.train(batches, 0.05);
        out.push(now() - t0);
      }
      return out;
    },
    dispose: () => model.dispose(),
  };
}
