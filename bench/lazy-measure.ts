import type { Batch, MlpEngine, MlpShape } from '../experiments/engine/mlp-engine.ts';
import { syntheticBatches, syntheticParams } from '../experiments/engine/reference/synthetic-mlp.ts';

/*
 * The `lazy` benchmark's measurement, shared by Node and the browser Worker so both time exactly the same work:
 * E1's training (MLP 20 → w → w → 5, ReLU, softmax CE, SGD lr 0.05) on epochs of 2000 random samples cut into
 * 31 batches of 64 and one of 16, one `train()` call per epoch (as the kernel calls it).
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
  /** Median over timed epochs of (epoch ms / 32). */
  readonly msPerStep: number;
  /** Steps timed (warm-up excluded). */
  readonly steps: number;
}

export interface MeasureOptions {
  readonly widths: readonly number[];
  /** Keep timing a width until this much time has passed (and at least `minEpochs`). */
  readonly budgetMs: number;
  readonly minEpochs: number;
  /** The clock: performance.now in Node and in the Worker. */
  readonly now: () => number;
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

/** Times `engine` at each width: one warm-up epoch (session creation, JIT), then epochs until the budget is spent. */
export async function measureEngine(engine: MlpEngine, options: MeasureOptions): Promise<WidthTiming[]> {
  const out: WidthTiming[] = [];
  for (const width of options.widths) {
    const shape = e1Shape(width);
    const model = await engine.createModel(shape, syntheticParams(shape, width));
    const batches = epochBatches(shape, 1000 + width);
    const warm = await model.train(batches, 0.05);
    if (!warm.every(Number.isFinite)) throw new Error(`${engine.name} w=${width}: non-finite loss in warm-up`);
    const epochMs: number[] = [];
    const start = options.now();
    while (epochMs.length < options.minEpochs || options.now() - start < options.budgetMs) {
      const t0 = options.now();
      await model.train(batches, 0.05);
      epochMs.push(options.now() - t0);
    }
    await model.dispose();
    out.push({
      width,
      params: width * width + 27 * width + 5,
      msPerStep: median(epochMs) / batches.length,
      steps: epochMs.length * batches.length,
    });
  }
  return out;
}
