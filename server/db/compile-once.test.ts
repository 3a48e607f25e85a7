import { afterEach, beforeEach, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileOnce } from './compile-once.ts';
import { openDb, type Db } from './connection.ts';
import { migrateToLatest } from './migrate.ts';

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'axiom-compile-once-'));
  db = openDb(`sqlite:${join(dir, 'axiom.db')}`);
  await migrateToLatest(db);
  await db.insertInto('user').values([1, 2, 3].map((i) => ({ accountKey: `k${i}`, name: `u${i}`, createdAt: 100 * i }))).execute();
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

test('runs with each call\'s arguments, in any order of binding, and gives what the freshly built query gives', async () => {
  const users = compileOnce(
    (d, minCreated: number, name: string) => d.selectFrom('user').select(['id', 'accountKey'])
      .where('name', '!=', name).where('createdAt', '>=', minCreated).orderBy('id'),
    [[1, 'a'], [2, 'b']],
  );
  for (const [minCreated, name] of [[0, 'u2'], [200, 'u3'], [300, 'nobody']] as const) {
    const built = await db.selectFrom('user').select(['id', 'accountKey']).where('name', '!=', name).where('createdAt', '>=', minCreated)
      .orderBy('id').execute();
    expect((await users(db, minCreated, name)).rows).toEqual(built);
  }
  expect((await users(db, 0, 'u2')).rows.map((r) => r.accountKey)).toEqual(['k1', 'k3']); // camelCase columns
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('user').set({ name: 'u2' }).where('id', '=', 1).execute();
    expect((await users(trx, 0, 'u2')).rows.map((r) => r.id)).toEqual([3]); // sees the transaction's own write
  });
});

test('refuses a query whose SQL changes with the values, or that leaves an argument unbound', async () => {
  const inlined = compileOnce(
    (d, n: number) => d.selectFrom('user').select((eb) => eb.case().when('id', '=', n).then(n).else(0).end().as('x')),
    [[1], [2]],
  );
  await expect(inlined(db, 1)).rejects.toThrow(/depends on the argument values/);
  const unbound = compileOnce((d, _n: number) => d.selectFrom('user').select('id'), [[1], [2]]);
  await expect(unbound(db, 1)).rejects.toThrow(/argument 0 is not bound/);
  const ambiguous = compileOnce((d, a: number, b: number) => d.selectFrom('user').select('id').where('id', 'in', [a, b]), [[1, 1], [2, 3]]);
  await expect(ambiguous(db, 1, 2)).rejects.toThrow(/samples must be distinct/);
});
