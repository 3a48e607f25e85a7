import { createQueryId, type Compilable, type CompiledQuery, type DialectAdapter, type QueryResult } from 'kysely';
import type { Db } from './connection.ts';

interface Plan<O> {
  readonly compiled: CompiledQuery<O>;
  /** For each parameter slot, the index of the argument bound there, or -1 for a constant of the query. */
  readonly slots: readonly number[];
}

/**
 * A Kysely query built and compiled once per database, then run with new arguments. Building and compiling a query
 * (CamelCasePlugin included) costs ~15–25 µs, about as much as running a small indexed SQLite statement, and the work
 * lifecycle runs ~15 of them per result (bench/server.ts profile), so its hottest lookups skip that.
 *
 * `build` must bind each argument as a parameter. At first use the query is compiled with both `samples` (two
 * argument lists whose every argument differs) and the two compilations must have the same SQL and differ exactly
 * in the argument slots; otherwise this throws (e.g. a value Kysely inlined as a literal), so a query that cannot be
 * reused safely fails loudly on its first run. Plans are kept per dialect adapter, which a Kysely instance and its
 * transactions share, so two databases of different dialects never share SQL.
 */
export function compileOnce<Args extends readonly unknown[], O>(
  build: (db: Db, ...args: Args) => Compilable<O>,
  samples: readonly [Args, Args],
): (db: Db, ...args: Args) => Promise<QueryResult<O>> {
  const plans = new WeakMap<DialectAdapter, Plan<O>>();
  const plan = (db: Db): Plan<O> => {
    const adapter = db.getExecutor().adapter;
    const known = plans.get(adapter);
    if (known !== undefined) return known;
    const [a, b] = samples;
    if (new Set(a).size !== a.length || new Set(b).size !== b.length || a.some((x, k) => x === b[k])) {
      throw new Error('compileOnce: samples must be distinct within each list and differ between the lists');
    }
    const first = build(db, ...a).compile();
    const second = build(db, ...b).compile();
    if (first.sql !== second.sql || first.parameters.length !== second.parameters.length) {
      throw new Error(`compileOnce: the SQL depends on the argument values: ${first.sql} | ${second.sql}`);
    }
    const slots = first.parameters.map((p, i) => {
      if (p === second.parameters[i]) return -1;
      const k = a.findIndex((x, j) => x === p && b[j] === second.parameters[i]);
      if (k < 0) throw new Error(`compileOnce: parameter ${i} of ${first.sql} is no argument (${String(p)})`);
      return k;
    });
    a.forEach((_, k) => {
      if (!slots.includes(k)) throw new Error(`compileOnce: argument ${k} is not bound in ${first.sql}`);
    });
    const made = { compiled: first, slots };
    plans.set(adapter, made);
    return made;
  };
  return async (db, ...args) => {
    const { compiled, slots } = plan(db);
    const parameters = compiled.parameters.map((p, i) => {
      const k = slots[i] ?? -1;
      return k < 0 ? p : args[k];
    });
    return db.executeQuery<O>({ ...compiled, parameters, queryId: createQueryId() });
  };
}
