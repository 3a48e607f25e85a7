import type { ConfigCurve, ConfigFinal, ConfigSummary, LrRankEntry, SdSummary } from './result-schema.ts';
import { spearman } from './stats.ts';

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, v) => a + v, 0) / xs.length);

/** Values at T (the last checkpoint) of an `ok` config, or null when it diverged or has no final spectra. */
export function configFinal(c: ConfigCurve): ConfigFinal | null {
  const last = c.epochs.length - 1;
  const m0 = c.matrices[0];
  const mT = c.matrices[last];
  const trainLoss = c.train_loss[last];
  const trainAcc = c.train_acc[last];
  const testAcc = c.test_acc[last];
  const pr = c.pr_last_hidden[last];
  if (c.status !== 'ok' || last < 1 || !m0 || !mT || trainLoss == null || trainAcc == null || testAcc == null || pr == null) return null;
  // Hidden matrices: every weight matrix but the output layer (input and hidden-to-hidden).
  const hidden = mT.slice(0, -1);
  return {
    top_sv_growths: mT.map((m) => m.top_sv_growth),
    erank_init: m0.map((m) => m.erank),
    erank_final: mT.map((m) => m.erank),
    erank_changes: hidden.map((m, l) => m.erank / (m0[l]?.erank ?? Number.NaN) - 1),
    update_eranks: hidden.map((m) => m.update_erank ?? Number.NaN),
    update_stable_ranks: hidden.map((m) => m.update_stable_rank ?? Number.NaN),
    train_loss: trainLoss, train_acc: trainAcc, test_acc: testAcc, pr_last_hidden: pr,
  };
}

/** Mean over the hidden matrices of a final's erank(T)/erank(0), the per-config "final erank ratio" of spec E2. */
const erankRatio = (f: ConfigFinal): number | null => mean(f.erank_changes.map((c) => 1 + c));

function lrEntry(configs: readonly ConfigSummary[]): LrRankEntry {
  const finals = configs.map((c) => c.final);
  const ok = finals.filter((f): f is ConfigFinal => f !== null);
  return {
    top_sv_growths: finals.map((f) => f?.top_sv_growths ?? null),
    erank_changes: finals.map((f) => f?.erank_changes ?? null),
    update_eranks: finals.map((f) => f?.update_eranks ?? null),
    // Pooled over (config, hidden matrix) pairs, so deep nets weigh by their number of hidden matrices (spec E2).
    mean_top_sv_growth: mean(ok.flatMap((f) => f.top_sv_growths.slice(0, -1))),
    mean_erank_change: mean(ok.flatMap((f) => f.erank_changes)),
    mean_update_erank: mean(ok.flatMap((f) => f.update_eranks)),
    mean_test_acc: mean(ok.map((f) => f.test_acc)),
  };
}

/** Mean erank change of a config's hidden-to-hidden matrices (all hidden matrices but the input layer's), or null. */
const hiddenToHiddenChange = (f: ConfigFinal): number | null => mean(f.erank_changes.slice(1));

function depthEffect(configs: readonly ConfigSummary[]): number | null {
  const group = (archs: readonly string[]): number | null => mean(configs.flatMap((c) => {
    const v = c.final !== null && archs.includes(c.arch) ? hiddenToHiddenChange(c.final) : null;
    return v === null ? [] : [v];
  }));
  const deep = group(['A5', 'A6']);
  const shallow = group(['A3', 'A4']);
  return deep === null || shallow === null ? null : deep - shallow;
}

/**
 * The per-result summary of spec E2 from the config curves (in config order), with exactly the spec's keys:
 * `configs`, `lr_rank_summary` (keyed by String(lr), in `lrs` order), `lr_rank_spearman`, `depth_effect`.
 */
export function summarizeConfigCurves(curves: readonly ConfigCurve[], lrs: readonly number[]): SdSummary {
  const configs: ConfigSummary[] = curves.map((c) => ({ arch: c.arch, lr: c.lr, status: c.status, final: configFinal(c) }));
  const lrRank: Record<string, LrRankEntry> = {};
  for (const lr of lrs) lrRank[String(lr)] = lrEntry(configs.filter((c) => c.lr === lr));
  const pairs = configs.flatMap((c) => {
    const r = c.final === null ? null : erankRatio(c.final);
    return r === null ? [] : [{ lr: c.lr, r }];
  });
  return {
    configs,
    lr_rank_summary: lrRank,
    lr_rank_spearman: spearman(pairs.map((p) => p.lr), pairs.map((p) => p.r)),
    depth_effect: depthEffect(configs),
  };
}
