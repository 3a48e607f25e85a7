import { canonicalJson } from '../../shared/canonical-json.ts';
import type { WorkunitInput } from '../../shared/envelope.ts';
import { CANARY, runCanary } from './canary.ts';
import { fingerprint } from './fingerprint.ts';
import type { KernelContext } from './kernel-context.ts';
import { permutation } from './rng.ts';
import type { T1Dataset } from './t1-dataset.ts';

/**
 * What every T1 kernel does before its science (spec §1.7): run the canary through the same engine, take the
 * workunit's fingerprints (training inputs and labels, the first config's first init matrix, the epoch-1
 * permutation), and open the checkpoint header and tallies (checkpoint-parts.ts) that a resume continues from.
 */
export async function startWorkunit(
  input: WorkunitInput, resolvedParams: unknown, ctx: KernelContext<unknown>, data: T1Dataset,
  firstInitMatrix: Float32Array, canaryFlops: number,
) {
  const canary = await runCanary(ctx.engine, input.data_seed === CANARY.dataSeed ? data : undefined);
  return {
    v: 1 as const, wu_id: input.wu_id, seed: input.seed, data_seed: input.data_seed,
    params_json: canonicalJson(resolvedParams), engine: ctx.engine.name, canary,
    fingerprints: {
      x_train: fingerprint(data.train.x),
      labels: fingerprint(data.train.labels),
      init: fingerprint(firstInitMatrix),
      perm: fingerprint(permutation(input.seed, 'shuffle/e1', data.train.n)),
    },
    steps_done: 0, train_ms: 0, wall_ms: 0, model_flops: 0, metric_flops: canaryFlops,
  };
}
