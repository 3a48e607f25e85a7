import { parseOrThrow } from '../../shared/errors.ts';
import { SPEC_ID, type ResultEnvelope, type WorkunitInput } from '../../shared/envelope.ts';
import { epochBatches } from '../engine/batches.ts';
import { initSp } from '../engine/init.ts';
import type { KernelContext } from '../engine/kernel-context.ts';
import { startWorkunit } from '../engine/workunit-start.ts';
import type { SpectrumSummary } from '../engine/linalg/spectrum.ts';
import type { MlpModel, MlpParams } from '../engine/mlp-engine.ts';
import { makeT1, type T1Dataset } from '../engine/t1-dataset.ts';
import { restoreCheckpoint, type SdCheckpoint } from './checkpoint-state.ts';
import { initSpectra, isFiniteCheckpoint, measureCheckpoint, type CheckpointValues } from './measure.ts';
import type { ConfigCurve } from './result-schema.ts';
import { summarizeConfigCurves } from './result-summary.ts';
import {
  archSizes, canaryFlops, checkpointEpochs, checkpointMetricFlops, configKey, configList, EXPERIMENT_NAME, SdParams,
  sdTotalSteps, stepsPerEpoch, trainingFlops, type ArchName, type SdConfig,
} from './spec.ts';

/** Divergence rule of spec §1.3: a batch loss above this multiple of the epoch-0 full-training-set loss. */
const DIVERGENCE_FACTOR = 1e6;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type State = Mutable<SdCheckpoint>;

function emptyCurve(c: SdConfig): ConfigCurve {
  return {
    arch: c.arch, lr: c.lr, status: 'ok', diverged_step: null, steps: 0, epochs: [], matrices: [], pr_last_hidden: [],
    train_loss: [], train_acc: [], test_loss: [], test_acc: [],
  };
}

function pushValues(curve: ConfigCurve, epoch: number, v: CheckpointValues | null): void {
  curve.epochs.push(epoch);
  curve.matrices.push(v?.matrices ?? null);
  curve.pr_last_hidden.push(v?.pr_last_hidden ?? null);
  curve.train_loss.push(v?.train_loss ?? null);
  curve.train_acc.push(v?.train_acc ?? null);
  curve.test_loss.push(v?.test_loss ?? null);
  curve.test_acc.push(v?.test_acc ?? null);
}

/** Marks a config diverged at `step` and writes null for every checkpoint not yet recorded (spec §1.3). */
function markDiverged(curve: ConfigCurve, step: number, checkpoints: readonly number[]): void {
  curve.status = 'diverged';
  curve.diverged_step = step;
  for (const e of checkpoints) if (!curve.epochs.includes(e)) pushValues(curve, e, null);
}

async function freshState(input: WorkunitInput, params: SdParams, ctx: KernelContext<unknown>, data: T1Dataset): Promise<State> {
  const firstArch = params.archs[0] ?? 'A1';
  const firstInit = initSp(input.seed, firstArch, archSizes(firstArch));
  const start = await startWorkunit(input, params, ctx, data, firstInit.weights[0] ?? new Float32Array(), canaryFlops());
  return { kind: 'sd-checkpoint', ...start, config_index: 0, done: [], current: null };
}

/** Init weights and their spectra of one architecture (spec E2: shared by its four learning rates). */
interface ArchInit {
  readonly init: MlpParams;
  readonly spectra: SpectrumSummary[];
}

interface RunEnv {
  readonly input: WorkunitInput;
  readonly params: SdParams;
  readonly ctx: KernelContext<unknown>;
  readonly data: T1Dataset;
  readonly state: State;
  readonly inits: Map<ArchName, ArchInit>;
  /** Wall time of earlier sessions plus this session's, in ms. */
  readonly wallMs: () => number;
}

function archInit(env: RunEnv, arch: ArchName): ArchInit {
  let a = env.inits.get(arch);
  if (a === undefined) {
    const sizes = archSizes(arch);
    const init = initSp(env.input.seed, arch, sizes);
    a = { init, spectra: initSpectra(init.weights, sizes) };
    env.inits.set(arch, a);
  }
  return a;
}

/** An epoch boundary: checkpoint when the runner asks or a stop is pending, then honour the stop by throwing. */
async function boundary(env: RunEnv, model: MlpModel | null, current: Omit<NonNullable<State['current']>, 'weights' | 'biases'> | null): Promise<void> {
  const { ctx, state } = env;
  if (!ctx.signal.aborted && !ctx.shouldCheckpoint()) return;
  let snapshot: State['current'] = null;
  if (model !== null && current !== null) {
    const p = await model.params();
    snapshot = { ...current, weights: p.weights, biases: p.biases };
  }
  await ctx.checkpoint({ ...state, current: snapshot, wall_ms: env.wallMs() } satisfies SdCheckpoint);
  ctx.signal.throwIfAborted();
}

/** Trains and measures one config from its architecture's init (or the checkpointed epoch) to the end or a divergence. */
async function runConfig(env: RunEnv, config: SdConfig): Promise<ConfigCurve> {
  const { input, params, ctx, data, state } = env;
  const sizes = archSizes(config.arch);
  const { init, spectra } = archInit(env, config.arch);
  const checkpoints = checkpointEpochs(params.epochs);
  const spe = stepsPerEpoch(params);
  const total = sdTotalSteps(params);
  const resumed = state.current;
  state.current = null;
  const model = await ctx.engine.createModel({ sizes, activation: 'relu' },
    resumed === null ? init : { weights: resumed.weights, biases: resumed.biases });
  const measure = async (epoch: number): Promise<CheckpointValues> => {
    const v = await measureCheckpoint(model, data, init.weights, spectra, sizes, epoch === 0);
    state.metric_flops += checkpointMetricFlops(config.arch, epoch > 0);
    return v;
  };
  try {
    let curve: ConfigCurve;
    let baseLoss: number;
    let startEpoch: number;
    if (resumed === null) {
      curve = emptyCurve(config);
      const m0 = await measure(0);
      baseLoss = m0.train_loss;
      startEpoch = 1;
      if (!isFiniteCheckpoint(m0)) {
        markDiverged(curve, 0, checkpoints);
        state.steps_done += params.epochs * spe;
        return curve;
      }
      pushValues(curve, 0, m0);
    } else {
      curve = resumed.curve;
      baseLoss = resumed.base_loss;
      startEpoch = resumed.epochs_done + 1;
    }
    for (let epoch = startEpoch; epoch <= params.epochs; epoch++) {
      const batches = epochBatches(data.train, input.seed, epoch, params.batch_size);
      const t0 = ctx.nowMs();
      // No signal here: a stop is honoured at the epoch boundary below, after a checkpoint, so no epoch is lost.
      const losses = await model.train(batches, config.lr);
      state.train_ms += ctx.nowMs() - t0;
      state.steps_done += batches.length;
      state.model_flops += trainingFlops(config.arch, 1);
      curve.steps += batches.length;
      const bad = losses.findIndex((l) => !Number.isFinite(l) || l > DIVERGENCE_FACTOR * baseLoss);
      if (bad >= 0) {
        markDiverged(curve, (epoch - 1) * spe + bad + 1, checkpoints);
        state.steps_done += (params.epochs - epoch) * spe; // the skipped epochs count as done for progress
        break;
      }
      if (checkpoints.includes(epoch)) {
        const m = await measure(epoch);
        if (!isFiniteCheckpoint(m)) {
          markDiverged(curve, epoch * spe, checkpoints);
          state.steps_done += (params.epochs - epoch) * spe;
          break;
        }
        pushValues(curve, epoch, m);
      }
      ctx.progress(state.steps_done, total);
      if (epoch < params.epochs) await boundary(env, model, { epochs_done: epoch, base_loss: baseLoss, curve });
    }
    return curve;
  } finally {
    await model.dispose();
  }
}

/**
 * The E2 kernel: canary, fingerprints, then for each architecture (A1..A6) and learning rate (ascending) SP init with
 * tag `<arch>` (shared by the architecture's learning rates), `epochs` epochs of SGD with the shared `shuffle/e<e>`
 * batch order, and the spectra of spec E2 at the checkpoint epochs. Resumes from `ctx.resumed` when it fits this
 * workunit; a resumed run ends bit-identical to an uninterrupted one on the same engine.
 */
export async function runSpectralDynamics(input: WorkunitInput, ctx: KernelContext<unknown>): Promise<ResultEnvelope> {
  const sessionStart = ctx.nowMs();
  ctx.signal.throwIfAborted();
  const params = parseOrThrow(SdParams, input.params, `${EXPERIMENT_NAME} params of ${input.wu_id}`);
  const data = makeT1(input.data_seed);
  const state: State = restoreCheckpoint(ctx.resumed, input, params, ctx.engine.name)
    ?? await freshState(input, params, ctx, data);
  const wallBefore = state.wall_ms;
  const env: RunEnv = {
    input, params, ctx, data, state, inits: new Map(), wallMs: () => wallBefore + (ctx.nowMs() - sessionStart),
  };
  const configs = configList(params);
  while (state.config_index < configs.length) {
    const config = configs[state.config_index];
    if (config === undefined) break;
    state.done.push(await runConfig(env, config));
    state.config_index += 1;
    ctx.progress(state.steps_done, sdTotalSteps(params));
    if (state.config_index < configs.length) await boundary(env, null, null);
  }
  const curves: Record<string, ConfigCurve> = {};
  const status: Record<string, ConfigCurve['status']> = {};
  for (const c of state.done) {
    curves[configKey(c)] = c;
    status[configKey(c)] = c.status;
  }
  return {
    experiment: EXPERIMENT_NAME, spec: SPEC_ID, wu_id: input.wu_id, seed: input.seed, data_seed: input.data_seed,
    params, impl: { engine: ctx.engine.name, version: ctx.engine.version, precision: 'f32' },
    fingerprints: state.fingerprints, canary: { losses: state.canary },
    summary: summarizeConfigCurves(state.done, params.lrs), curves, status,
    timing: { wall_s: env.wallMs() / 1000, train_s: state.train_ms / 1000 },
    flops: { model: state.model_flops, metrics: state.metric_flops },
  };
}
