import { parseOrThrow } from '../../shared/errors.ts';
import { SPEC_ID, type ResultEnvelope, type WorkunitInput } from '../../shared/envelope.ts';
import { epochBatches } from '../engine/batches.ts';
import { initSp } from '../engine/init.ts';
import type { KernelContext } from '../engine/kernel-context.ts';
import { startWorkunit } from '../engine/workunit-start.ts';
import type { MlpModel, MlpParams } from '../engine/mlp-engine.ts';
import { makeT1, type T1Dataset } from '../engine/t1-dataset.ts';
import { restoreCheckpoint, type LvfCheckpoint } from './checkpoint-state.ts';
import { ckaReferences, isFiniteCheckpoint, measureCheckpoint, type CheckpointValues, type CkaReference } from './measure.ts';
import { curveKey, type WidthCurve } from './result-schema.ts';
import { summarizeWidthCurves } from './result-summary.ts';
import {
  canaryFlops, checkpointEpochs, checkpointMetricFlops, EXPERIMENT_NAME, LvfParams, lvfSizes, lvfTotalSteps, stepsPerEpoch,
  trainingFlops,
} from './spec.ts';

/** Divergence rule of spec §1.3: a batch loss above this multiple of the epoch-0 full-training-set loss. */
const DIVERGENCE_FACTOR = 1e6;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type State = Mutable<LvfCheckpoint>;

function emptyCurve(width: number): WidthCurve {
  return {
    width, status: 'ok', diverged_step: null, steps: 0, epochs: [], movement: [], movement_layers: [], cka_layers: [],
    cka_mean: [], dead_frac: [], weight_entropy: [], h_norm: [], grad_norm: [], train_loss: [], train_acc: [],
    test_loss: [], test_acc: [],
  };
}

function pushValues(curve: WidthCurve, epoch: number, v: CheckpointValues | null): void {
  curve.epochs.push(epoch);
  curve.movement.push(v?.movement ?? null);
  curve.movement_layers.push(v?.movement_layers ?? null);
  curve.cka_layers.push(v?.cka_layers ?? null);
  curve.cka_mean.push(v?.cka_mean ?? null);
  curve.dead_frac.push(v?.dead_frac ?? null);
  curve.weight_entropy.push(v?.weight_entropy ?? null);
  curve.h_norm.push(v?.h_norm ?? null);
  curve.grad_norm.push(v?.grad_norm ?? null);
  curve.train_loss.push(v?.train_loss ?? null);
  curve.train_acc.push(v?.train_acc ?? null);
  curve.test_loss.push(v?.test_loss ?? null);
  curve.test_acc.push(v?.test_acc ?? null);
}

/** Marks a width diverged at `step` and writes null for every checkpoint not yet recorded (spec §1.3). */
function markDiverged(curve: WidthCurve, step: number, checkpoints: readonly number[]): void {
  curve.status = 'diverged';
  curve.diverged_step = step;
  for (const e of checkpoints) if (!curve.epochs.includes(e)) pushValues(curve, e, null);
}

async function freshState(input: WorkunitInput, params: LvfParams, ctx: KernelContext<unknown>, data: T1Dataset): Promise<State> {
  const firstWidth = params.widths[0] ?? 0;
  const firstInit = initSp(input.seed, `w${firstWidth}`, lvfSizes(firstWidth));
  const start = await startWorkunit(input, params, ctx, data, firstInit.weights[0] ?? new Float32Array(), canaryFlops());
  return { kind: 'lvf-checkpoint', ...start, width_index: 0, done: [], current: null };
}

/** Epoch-0 CKA references on resume: the init weights' test activations, recomputed on this engine. */
async function initialReferences(ctx: KernelContext<unknown>, sizes: number[], init: MlpParams, data: T1Dataset): Promise<CkaReference[]> {
  const model = await ctx.engine.createModel({ sizes, activation: 'relu' }, init);
  try {
    const out = await model.forward(data.test.x, data.test.n);
    return ckaReferences(out.hidden, data.test.n);
  } finally {
    await model.dispose();
  }
}

interface RunEnv {
  readonly input: WorkunitInput;
  readonly params: LvfParams;
  readonly ctx: KernelContext<unknown>;
  readonly data: T1Dataset;
  readonly state: State;
  /** Wall time of earlier sessions plus this session's, in ms. */
  readonly wallMs: () => number;
}

/**
 * An epoch boundary: checkpoint when the runner asks or a stop is pending, then honour the stop by throwing its
 * reason. `model` is the width in training (null between widths).
 */
async function boundary(env: RunEnv, model: MlpModel | null, current: Omit<NonNullable<State['current']>, 'weights' | 'biases'> | null): Promise<void> {
  const { ctx, state } = env;
  if (!ctx.signal.aborted && !ctx.shouldCheckpoint()) return;
  let snapshot: State['current'] = null;
  if (model !== null && current !== null) {
    const p = await model.params();
    snapshot = { ...current, weights: p.weights, biases: p.biases };
  }
  await ctx.checkpoint({ ...state, current: snapshot, wall_ms: env.wallMs() } satisfies LvfCheckpoint);
  ctx.signal.throwIfAborted();
}

/** Trains and measures one width from its init (or from the checkpointed epoch) to the end or a divergence. */
async function runWidth(env: RunEnv, width: number): Promise<WidthCurve> {
  const { input, params, ctx, data, state } = env;
  const sizes = lvfSizes(width);
  const init = initSp(input.seed, `w${width}`, sizes);
  const checkpoints = checkpointEpochs(params.epochs);
  const spe = stepsPerEpoch(params);
  const resumed = state.current;
  state.current = null;
  const model = await ctx.engine.createModel({ sizes, activation: 'relu' },
    resumed === null ? init : { weights: resumed.weights, biases: resumed.biases });
  try {
    let curve: WidthCurve;
    let baseLoss: number;
    let refs: CkaReference[];
    let startEpoch: number;
    if (resumed === null) {
      curve = emptyCurve(width);
      const m0 = await measureCheckpoint(model, data, init.weights, null);
      state.metric_flops += checkpointMetricFlops(width);
      refs = m0.refs;
      baseLoss = m0.values.train_loss;
      startEpoch = 1;
      if (!isFiniteCheckpoint(m0.values)) {
        markDiverged(curve, 0, checkpoints);
        return curve;
      }
      pushValues(curve, 0, m0.values);
    } else {
      curve = resumed.curve;
      baseLoss = resumed.base_loss;
      refs = await initialReferences(ctx, sizes, init, data);
      startEpoch = resumed.epochs_done + 1;
    }
    for (let epoch = startEpoch; epoch <= params.epochs; epoch++) {
      const batches = epochBatches(data.train, input.seed, epoch, params.batch_size);
      const t0 = ctx.nowMs();
      // No signal here: a stop is honoured at the epoch boundary below, after a checkpoint, so no epoch is lost.
      const losses = await model.train(batches, params.lr);
      state.train_ms += ctx.nowMs() - t0;
      state.steps_done += batches.length;
      state.model_flops += trainingFlops(width, 1);
      curve.steps += batches.length;
      const bad = losses.findIndex((l) => !Number.isFinite(l) || l > DIVERGENCE_FACTOR * baseLoss);
      if (bad >= 0) {
        markDiverged(curve, (epoch - 1) * spe + bad + 1, checkpoints);
        state.steps_done += (params.epochs - epoch) * spe; // the skipped epochs count as done for progress
        break;
      }
      if (checkpoints.includes(epoch)) {
        const m = await measureCheckpoint(model, data, init.weights, refs);
        state.metric_flops += checkpointMetricFlops(width);
        if (!isFiniteCheckpoint(m.values)) {
          markDiverged(curve, epoch * spe, checkpoints);
          state.steps_done += (params.epochs - epoch) * spe;
          break;
        }
        pushValues(curve, epoch, m.values);
      }
      ctx.progress(state.steps_done, lvfTotalSteps(params));
      if (epoch < params.epochs) {
        await boundary(env, model, { epochs_done: epoch, base_loss: baseLoss, curve });
      }
    }
    return curve;
  } finally {
    await model.dispose();
  }
}

/**
 * The E1 kernel: canary, fingerprints, then for each width in turn SP init (tag `w<width>`), `epochs` epochs of SGD
 * with the shared `shuffle/e<e>` batch order, and the E1 metrics at the checkpoint epochs. Resumes from `ctx.resumed`
 * when it fits this workunit; a resumed run ends bit-identical to an uninterrupted one on the same engine.
 */
export async function runLazyVsFeatureLearning(input: WorkunitInput, ctx: KernelContext<unknown>): Promise<ResultEnvelope> {
  const sessionStart = ctx.nowMs();
  ctx.signal.throwIfAborted();
  const params = parseOrThrow(LvfParams, input.params, `${EXPERIMENT_NAME} params of ${input.wu_id}`);
  const data = makeT1(input.data_seed);
  const state: State = restoreCheckpoint(ctx.resumed, input, params, ctx.engine.name)
    ?? await freshState(input, params, ctx, data);
  const wallBefore = state.wall_ms;
  const env: RunEnv = { input, params, ctx, data, state, wallMs: () => wallBefore + (ctx.nowMs() - sessionStart) };
  while (state.width_index < params.widths.length) {
    const curve = await runWidth(env, params.widths[state.width_index] ?? 0);
    state.done.push(curve);
    state.width_index += 1;
    ctx.progress(state.steps_done, lvfTotalSteps(params));
    if (state.width_index < params.widths.length) await boundary(env, null, null);
  }
  const curves: Record<string, WidthCurve> = {};
  const status: Record<string, WidthCurve['status']> = {};
  for (const c of state.done) {
    curves[curveKey(c.width)] = c;
    status[curveKey(c.width)] = c.status;
  }
  return {
    experiment: EXPERIMENT_NAME, spec: SPEC_ID, wu_id: input.wu_id, seed: input.seed, data_seed: input.data_seed,
    params, impl: { engine: ctx.engine.name, version: ctx.engine.version, precision: 'f32' },
    fingerprints: state.fingerprints, canary: { losses: state.canary },
    summary: summarizeWidthCurves(state.done), curves, status,
    timing: { wall_s: env.wallMs() / 1000, train_s: state.train_ms / 1000 },
    flops: { model: state.model_flops, metrics: state.metric_flops },
  };
}
