import { AppError } from '../../shared/errors.ts';
import type { Db } from '../db/connection.ts';
import { findHostByAuthenticator, type HostRow } from '../db/hosts-repo.ts';
import { bearerToken } from './bearer.ts';

/** The host whose authenticator is the bearer token, or `unauthorized` (the same answer for every failure). */
export async function authenticateHost(db: Db, authorization: string | undefined): Promise<HostRow> {
  const token = bearerToken(authorization);
  const host = /^[0-9a-f]{32}$/.test(token) ? await findHostByAuthenticator(db, token) : undefined;
  if (host === undefined) throw new AppError('unauthorized', 'unknown host authenticator; attach again with POST /api/v1/hosts');
  return host;
}
