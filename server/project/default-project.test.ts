import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findExperiment } from '../../experiments/registry.ts';
import { WorkunitInput } from '../../shared/envelope.ts';
import { openDb, type Db } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DEFAULT_DATA_SEED } from './deploy-sweep.ts';
import { deployDefaultProject } from './default-project.ts';

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'axiom-deploy-'));
  db = openDb(`sqlite:${join(dir, 'axiom.db')}`);
  await migrateToLatest(db);
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const env = { DEFAULT_SWEEP: 'full', DEFAULT_MIN_QUORUM: 2, DELAY_BOUND_S: 604_800 } as const;

describe('the embedded default project', () => {
  test('deploys E1 × 20 seeds with the spec defaults, its FLOP estimate and the replication policy', async () => {
    const experiment = findExperiment('lazy_vs_feature_learning')!;
    expect(await deployDefaultProject(db, env, findExperiment, 1000)).toEqual({ name: 'default-lazy_vs_feature_learning-v1', workunits: 20 });
    const versions = await db.selectFrom('appVersion').selectAll().execute();
    expect(versions).toEqual([{ id: 1, experiment: 'lazy_vs_feature_learning', versionNum: experiment.appVersion, isDeprecated: 0, createdAt: 1000 }]);
    const wus = await db.selectFrom('workunit').selectAll().orderBy('id').execute();
    expect(wus.map((w) => WorkunitInput.parse(JSON.parse(w.inputJson)).seed)).toEqual([...Array(20).keys()]);
    for (const w of wus) {
      const input = WorkunitInput.parse(JSON.parse(w.inputJson));
      expect(input).toMatchObject({ experiment: 'lazy_vs_feature_learning', spec: 'axk-1.0', data_seed: DEFAULT_DATA_SEED, params: {}, wu_id: w.name });
      expect(w).toMatchObject({
        rscFpopsEst: experiment.estimateFlops({}), delayBound: 604_800, minQuorum: 2, targetNresults: 2, transitionTime: 1000,
        canonicalResultid: null, errorMask: 0,
      });
      expect(w.maxTotalResults).toBeGreaterThanOrEqual(w.targetNresults);
    }
    // Spec E1: ~7.8e11 FLOPs per workunit at the defaults.
    expect(wus[0]!.rscFpopsEst).toBeGreaterThan(7e11);
    expect(wus[0]!.rscFpopsEst).toBeLessThan(9e11);
  });

  test('is idempotent: a restart, even with another DEFAULT_SWEEP, deploys nothing', async () => {
    await deployDefaultProject(db, env, findExperiment, 1000);
    expect(await deployDefaultProject(db, env, findExperiment, 2000)).toBeNull();
    expect(await deployDefaultProject(db, { ...env, DEFAULT_SWEEP: 'small' }, findExperiment, 3000)).toBeNull();
    expect(await db.selectFrom('workunit').select('id').execute()).toHaveLength(20);
    await migrateToLatest(db); // migrations too
  });

  test('the small sweep is widths [8, 16] × 3 epochs × 8 seeds', async () => {
    expect(await deployDefaultProject(db, { ...env, DEFAULT_SWEEP: 'small' }, findExperiment, 1000))
      .toEqual({ name: 'default-lazy_vs_feature_learning-v1-small', workunits: 8 });
    const wu = await db.selectFrom('workunit').selectAll().executeTakeFirstOrThrow();
    expect(WorkunitInput.parse(JSON.parse(wu.inputJson)).params).toEqual({ widths: [8, 16], epochs: 3 });
  });
});
