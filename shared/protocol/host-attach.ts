import { z } from 'zod';
import { Authenticator, HostId, UserId } from '../ids.ts';
import { Capabilities } from './capabilities.ts';
import { ProtocolVersion } from './version.ts';

/**
 * `POST /api/v1/hosts`: a browser attaches. Without `hostId`/`authenticator` an anonymous volunteer account and a new
 * host are created; with them the same host is re-attached (and its capabilities updated).
 */
export const HostAttachRequest = z.object({
  v: ProtocolVersion,
  capabilities: Capabilities,
  identity: z.object({ hostId: HostId, authenticator: Authenticator }).nullable(),
});
export type HostAttachRequest = z.infer<typeof HostAttachRequest>;

export const HostAttachReply = z.object({
  v: ProtocolVersion,
  hostId: HostId,
  userId: UserId,
  /** Secret of this host; sent as `Authorization: Bearer <authenticator>` on every later call. */
  authenticator: Authenticator,
  /** True when this call created the host. */
  isNew: z.boolean(),
});
export type HostAttachReply = z.infer<typeof HostAttachReply>;
