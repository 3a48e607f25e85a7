import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_BODY_BYTES } from '../../shared/protocol/version.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import type { AppDeps } from './app-deps.ts';
import { installErrorHandling } from './error-handler.ts';
import { registerHealthRoute } from './health-route.ts';
import { registerHostRoutes } from './host-routes.ts';
import { installIsolationHeaders } from './isolation.ts';
import { installStaticSite } from './static-site.ts';

/** Builds the HTTP app (routes, error mapping, isolation headers, the PWA) without listening: `main.ts` listens. */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: deps.logLevel }, bodyLimit: MAX_BODY_BYTES });
  installIsolationHeaders(app);
  installErrorHandling(app);
  registerHealthRoute(app, deps);
  registerHostRoutes(app, deps);
  registerAdminRoutes(app, deps);
  await installStaticSite(app, deps.webDist);
  await app.ready();
  return app;
}
