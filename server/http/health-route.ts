import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { ProtocolVersion, PROTOCOL_VERSION } from '../../shared/protocol/version.ts';
import type { AppDeps } from './app-deps.ts';

/** `GET /api/v1/health`: the server is up and its database answers. No auth: load balancers and e2e poll it. */
export const HealthReply = z.object({ v: ProtocolVersion, status: z.literal('ok'), unixS: z.number().int() });
export type HealthReply = z.infer<typeof HealthReply>;

export function registerHealthRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/v1/health', async () => {
    await sql`select 1`.execute(deps.db);
    return HealthReply.parse({ v: PROTOCOL_VERSION, status: 'ok', unixS: Math.floor(deps.clock.now() / 1000) });
  });
}
