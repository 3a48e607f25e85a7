import { sql } from 'kysely';
import { afterEach, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { openDb, type Db } from './connection.ts';
import { migrateToLatest } from './migrate.ts';

// Runs on both dialects; on PostgreSQL it checks the pool's type parsers and the migration's column types.
let database: TestDatabase | undefined;
let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  await database?.drop();
  db = undefined;
  database = undefined;
});

test('counts, integer sums and 8-byte floats come back as exact JS numbers, as the schema types say', async () => {
  database = await createTestDatabase();
  db = openDb(database.url);
  await migrateToLatest(db);
  const appVersionId = (await db.insertInto('appVersion').values({ experiment: 'x', versionNum: 1, isDeprecated: 0, createdAt: 1 })
    .returning('id').executeTakeFirstOrThrow()).id;
  const sweepId = (await db.insertInto('sweep').values({ name: 's', experiment: 'x', appVersionId, createdAt: 1 })
    .returning('id').executeTakeFirstOrThrow()).id;
  expect(typeof appVersionId).toBe('number');
  const fpops = 123_456_789_012.375; // needs a double: a 4-byte float keeps ~7 digits
  const base = {
    sweepId, appVersionId, experiment: 'x', inputJson: '{}', rscFpopsEst: fpops, delayBound: 60, minQuorum: 1, targetNresults: 1,
    maxErrorResults: 3, maxTotalResults: 6, maxSuccessResults: 3, canonicalResultid: null, errorMask: 0, assimilateState: 0,
    transitionTime: null, createdAt: 2_000_000_000,
  };
  await db.insertInto('workunit').values([{ ...base, name: 'a' }, { ...base, name: 'b' }]).execute();
  const row = await db.selectFrom('workunit')
    .select([sql<number>`count(*)`.as('n'), sql<number>`sum(created_at)`.as('total'), sql<number>`max(rsc_fpops_est)`.as('fpops')])
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ n: 2, total: 4_000_000_000, fpops });
});
