import { z } from 'zod';
import { HostId, UserId } from '../ids.ts';
import { ProtocolVersion } from './version.ts';
import { BackendName } from './capabilities.ts';

export const AdminHost = z.object({
  hostId: HostId,
  userId: UserId,
  platform: z.string(),
  cores: z.number().int(),
  backend: BackendName.nullable(),
  adapter: z.string(),
  createdUnixS: z.number().int(),
  lastContactUnixS: z.number().int(),
  tasksInProgress: z.number().int().nonnegative(),
  resultsValid: z.number().int().nonnegative(),
  totalCredit: z.number().nonnegative(),
});
export type AdminHost = z.infer<typeof AdminHost>;

/** `GET /api/v1/admin/hosts` (admin key as `Authorization: Bearer <key>`). */
export const AdminHostList = z.object({ v: ProtocolVersion, hosts: z.array(AdminHost) });
export type AdminHostList = z.infer<typeof AdminHostList>;
