import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../shared/errors.ts';
import { WorkunitId } from '../../shared/ids.ts';
import { AdminHostList } from '../../shared/protocol/admin-hosts.ts';
import { AdminResultList } from '../../shared/protocol/admin-results.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.ts';
import { requireAdmin } from '../auth/admin-key.ts';
import { listAdminHosts } from '../db/hosts-repo.ts';
import { listAdminResults } from '../db/results-repo.ts';
import type { AppDeps } from './app-deps.ts';

const AdminResultsQuery = z.object({ workunitId: z.string().regex(/^[1-9][0-9]{0,14}$/).transform(Number).pipe(WorkunitId) });

/** Admin routes (`Authorization: Bearer <admin key>`): hosts, and one workunit's results. */
export function registerAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/v1/admin/hosts', async (request) => {
    requireAdmin(deps.adminKey, request.headers.authorization);
    return AdminHostList.parse({ v: PROTOCOL_VERSION, hosts: await listAdminHosts(deps.db) });
  });

  app.get('/api/v1/admin/results', async (request) => {
    requireAdmin(deps.adminKey, request.headers.authorization);
    const { workunitId } = parseOrThrow(AdminResultsQuery, request.query, 'admin results query');
    return AdminResultList.parse({ v: PROTOCOL_VERSION, results: await listAdminResults(deps.db, workunitId) });
  });
}
