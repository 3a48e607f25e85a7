import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { bearerToken } from './bearer.ts';

/** The admin key in force and whether this start generated it (then it is printed once). */
export interface AdminKey {
  readonly key: string;
  readonly isGenerated: boolean;
}

/**
 * The configured `ADMIN_KEY`, else the key stored in `<dataDir>/admin-key`, else a new random one written there
 * (mode 0600) so it survives restarts.
 */
export function ensureAdminKey(dataDir: string, configured: string | undefined): AdminKey {
  if (configured !== undefined) return { key: configured, isGenerated: false };
  const file = join(dataDir, 'admin-key');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 16) return { key: stored, isGenerated: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(24).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, isGenerated: true };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Throws `unauthorized` unless the bearer token is the admin key; compares digests in constant time. */
export function requireAdmin(adminKey: string, authorization: string | undefined): void {
  const token = bearerToken(authorization);
  if (!timingSafeEqual(digest(token), digest(adminKey))) throw new AppError('unauthorized', 'wrong admin key');
}
