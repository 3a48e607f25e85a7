import SqliteDatabase from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { withStatementCache } from './statement-cache.ts';

const sqlite = new SqliteDatabase(':memory:');
afterEach(() => {
  sqlite.exec('drop table if exists t');
});

test('prepares each SQL text once and reuses the statement, with correct results each time', () => {
  const cached = withStatementCache(sqlite);
  cached.prepare('create table t (x integer)').run([]);
  const insert = cached.prepare('insert into t (x) values (?)');
  for (const x of [1, 2, 3]) {
    expect(cached.prepare('insert into t (x) values (?)')).toBe(insert);
    insert.run([x]);
  }
  const select = cached.prepare('select sum(x) as s from t where x > ?');
  expect(select.all([1])).toEqual([{ s: 5 }]);
  expect(cached.prepare('select sum(x) as s from t where x > ?').all([2])).toEqual([{ s: 3 }]);
});

test('drops the least recently used text beyond its capacity, and keeps the recently used ones', () => {
  const cached = withStatementCache(sqlite, 2);
  const a = cached.prepare('select 1');
  const b = cached.prepare('select 2');
  expect(cached.prepare('select 1')).toBe(a); // now b is the oldest
  cached.prepare('select 3');
  expect(cached.prepare('select 1')).toBe(a);
  expect(cached.prepare('select 2')).not.toBe(b);
});
