import { findExperiment } from '../experiments/registry.ts';
import { systemClock } from './clock.ts';
import { env } from './env.ts';
import { startServer } from './start-server.ts';

// Composes and listens; the logic lives in start-server.ts.
const server = await startServer(env, { clock: systemClock, findExperiment, logLevel: 'warn' });
if (server.deployed !== null) console.log(`Deployed the default sweep ${server.deployed.name}: ${server.deployed.workunits} workunits.`);
console.log(`Axiom Web is running: open ${server.url}`);
if (server.adminKey.isGenerated) {
  console.log(`Admin key (generated, stored in ${env.DATA_DIR}/admin-key; shown once): ${server.adminKey.key}`);
}
const shutdown = (signal: string) => {
  console.log(`${signal}: shutting down`);
  server.close().then(() => process.exit(0), (error: unknown) => {
    console.error('shutdown failed', error);
    process.exit(1);
  });
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
