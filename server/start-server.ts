import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './http/app-deps.ts';
import { ensureAdminKey, type AdminKey } from './auth/admin-key.ts';
import { unixSeconds, type Clock } from './clock.ts';
import { startDaemonElection, type DaemonElection } from './daemons/daemon-election.ts';
import { createTransitioner, type Transitioner } from './daemons/transitioner.ts';
import type { FindExperiment } from './daemons/transition-workunit.ts';
import { openDb, type Db } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Env } from './env.ts';
import { createApp } from './http/app.ts';
import { deployDefaultProject } from './project/default-project.ts';

/** A running server and what it is made of. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly db: Db;
  readonly transitioner: Transitioner;
  /** Whether this instance runs the daemon loop: always on SQLite; on PostgreSQL one instance of those sharing it. */
  readonly election: DaemonElection;
  readonly adminKey: AdminKey;
  /** The default sweep deployed by this start, or null when the database already had one. */
  readonly deployed: { name: string; workunits: number } | null;
  /** `http://host:port/` as bound. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Composes the server: opens and migrates the database, deploys the default project on first start, and, if this
 * instance is elected daemon runner (always on SQLite; one instance per PostgreSQL database and schema), runs the
 * transitioner once (so the first results exist before the first request) and starts the daemon loop; then listens.
 * A standby instance keeps trying and takes over the daemons when the runner goes away.
 */
export async function startServer(
  env: Env,
  options: { clock: Clock; findExperiment: FindExperiment; logLevel: AppDeps['logLevel'] },
): Promise<RunningServer> {
  const db = openDb(env.DATABASE_URL);
  await migrateToLatest(db);
  const deployed = await deployDefaultProject(db, env, options.findExperiment, unixSeconds(options.clock));
  const transitioner = createTransitioner({
    db, clock: options.clock, findExperiment: options.findExperiment, intervalMs: env.TRANSITIONER_INTERVAL_MS,
    onError: (error) => console.error('transitioner failed; retrying at the next tick', error),
  });
  const election = await startDaemonElection({
    db, retryMs: env.TRANSITIONER_INTERVAL_MS,
    async onElected() {
      await transitioner.runOnce();
      transitioner.start();
    },
    onError: (error) => console.error('daemon election failed; retrying', error),
  });
  const adminKey = ensureAdminKey(env.DATA_DIR, env.ADMIN_KEY);
  const app = await createApp({
    db, clock: options.clock, adminKey: adminKey.key, webDist: env.WEB_DIST, transition: transitioner.transitionIn,
    logLevel: options.logLevel,
  });
  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : env.PORT;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  return {
    app, db, transitioner, election, adminKey, deployed, url: `http://${host}:${port}/`,
    async close() {
      await election.stop();
      await transitioner.stop();
      await app.close();
      await db.destroy();
    },
  };
}
