import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { openDb, type Db } from './connection.ts';
import { migrateToLatest } from './migrate.ts';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'axiom-checkpoint-'));
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

test('commits reach the database file through the checkpointer thread, though the writer checkpoints only at 10000 pages', async () => {
  const file = join(dir, 'axiom.db');
  db = openDb(`sqlite:${file}`);
  await migrateToLatest(db);
  await vi.waitFor(() => expect(statSync(`${file}-wal`).size).toBeGreaterThan(0));
  const before = statSync(file).size;
  // ~200 pages of new rows: far below the writer's own threshold, so only the thread can copy them into the file.
  const rows = Array.from({ length: 2000 }, (_, i) => ({ accountKey: `key-${i}-${'x'.repeat(300)}`, name: null, createdAt: i }));
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('user').values(rows.slice(i, i + 200)).execute();
  await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 500_000), { timeout: 5000, interval: 50 });
});
