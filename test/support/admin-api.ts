import type { APIRequestContext } from '@playwright/test';
import { AdminHostList, type AdminHost } from '../../shared/protocol/admin-hosts.ts';
import { AdminResultList, type AdminResult } from '../../shared/protocol/admin-results.ts';

/** The admin API as the e2e specs read it (the server's own view, parsed with the shared schemas). */
export function createAdminApi(request: APIRequestContext, adminKey: string) {
  const headers = { authorization: `Bearer ${adminKey}` };
  return {
    async results(workunitId: number): Promise<AdminResult[]> {
      const res = await request.get(`/api/v1/admin/results?workunitId=${workunitId}`, { headers });
      if (!res.ok()) throw new Error(`GET /api/v1/admin/results?workunitId=${workunitId}: ${res.status()} ${await res.text()}`);
      return AdminResultList.parse(await res.json()).results;
    },
    /** The result called `name`, searching workunits 1 … `maxWorkunitId` (the small sweep has 8). */
    async resultNamed(name: string, maxWorkunitId = 8): Promise<AdminResult> {
      for (let id = 1; id <= maxWorkunitId; id++) {
        const found = (await this.results(id)).find((r) => r.name === name);
        if (found !== undefined) return found;
      }
      throw new Error(`no result named ${name} in workunits 1…${maxWorkunitId}`);
    },
    async hosts(): Promise<AdminHost[]> {
      const res = await request.get('/api/v1/admin/hosts', { headers });
      if (!res.ok()) throw new Error(`GET /api/v1/admin/hosts: ${res.status()} ${await res.text()}`);
      return AdminHostList.parse(await res.json()).hosts;
    },
  };
}
