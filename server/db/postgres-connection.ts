import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';

/** pg type OIDs whose default parser returns a string. */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * int8 (`count(*)`, `sum(integer)`) and numeric come back from pg as strings, because they may exceed 2^53; the schema
 * says number and every such value here is a count or a sum of seconds/credit, so they are parsed to numbers, and a
 * value a double cannot hold exactly fails loudly instead of rounding.
 */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${text} does not fit a JS number`);
  return n;
}

/** pg's own parsers (pg-types declares their result `any`; every parser takes the text and returns a value). */
const pgDefaultParser: (oid: number, format: 'text' | 'binary') => (value: string) => unknown = pg.types.getTypeParser;

function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID && format !== 'binary') return parseInt8;
  if (oid === NUMERIC_OID && format !== 'binary') return Number;
  return pgDefaultParser(oid, format ?? 'text');
}

/**
 * Opens a PostgreSQL store (`postgres://user:pass@host:port/db`, pg's connection-string options such as
 * `?options=-c%20search_path%3Dx` included). Each server instance has its own pool; instances share the database.
 * The type parsers are per pool, so nothing global in `pg` changes.
 */
export function openPostgres(databaseUrl: string, poolSize = 10): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, types: { getTypeParser } });
  // An idle client that loses its server emits on the pool; without a listener that would crash the process.
  pool.on('error', (error) => console.error('PostgreSQL pool: idle client failed', error));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}
