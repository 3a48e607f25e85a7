import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors.ts';
import { Authenticator, HostId, UserId } from '../../shared/ids.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.ts';
import type { HostAttachReply, HostAttachRequest } from '../../shared/protocol/host-attach.ts';
import type { Db } from '../db/connection.ts';
import { findHostById, insertUserAndHost, updateHostCapabilities } from '../db/hosts-repo.ts';

const randomHex32 = () => randomBytes(16).toString('hex');

/**
 * `POST /api/v1/hosts`. Without identity: a new anonymous account and host. With identity: the same host again, its
 * capabilities updated, if the authenticator matches; otherwise `unauthorized` (an unknown id gets the same answer,
 * so ids cannot be probed). One transaction.
 */
export async function attachHost(db: Db, request: HostAttachRequest, nowS: number): Promise<HostAttachReply> {
  return db.transaction().execute(async (trx) => {
    if (request.identity === null) {
      const authenticator = Authenticator.parse(randomHex32());
      const ids = await insertUserAndHost(trx, { capabilities: request.capabilities, accountKey: randomHex32(), authenticator, nowS });
      return { v: PROTOCOL_VERSION, ...ids, authenticator, isNew: true };
    }
    const host = await findHostById(trx, request.identity.hostId);
    if (host?.authenticator !== request.identity.authenticator) {
      throw new AppError('unauthorized', 'unknown host or wrong authenticator; attach without identity to start afresh');
    }
    await updateHostCapabilities(trx, host.id, request.capabilities, nowS);
    return {
      v: PROTOCOL_VERSION, hostId: HostId.parse(host.id), userId: UserId.parse(host.userId),
      authenticator: request.identity.authenticator, isNew: false,
    };
  });
}
