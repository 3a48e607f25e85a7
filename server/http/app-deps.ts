import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';

/** What the HTTP app needs; `main.ts` builds it, tests build their own on a temp database. */
export interface AppDeps {
  readonly db: Db;
  readonly clock: Clock;
  /** Bearer key of the admin routes. */
  readonly adminKey: string;
  /** The built PWA's folder; when it has no index.html only the API is served. */
  readonly webDist: string;
  /** Runs the transitioner (and validator) for one workunit inside the caller's transaction `trx`. */
  readonly transition: (trx: Db, workunitId: number) => Promise<void>;
  /** Level of Fastify's (pino) logger: `warn` in production, so errors are logged with their stacks; `silent` in tests. */
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}
