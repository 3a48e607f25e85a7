import type { z } from 'zod';
import { AppError, parseOrThrow } from '../../shared/errors.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.ts';
import { ResultId } from '../../shared/ids.ts';

/**
 * Parses a request body with its shared schema. A body whose `v` is not this server's protocol version gets
 * `upgrade_required` (an old client learns to update, instead of reading a list of schema errors).
 */
export function parseMessage<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  if (typeof body === 'object' && body !== null && 'v' in body && body.v !== PROTOCOL_VERSION) {
    throw new AppError('upgrade_required', `${what}: protocol version ${String(body.v)} is not supported; this server speaks v${PROTOCOL_VERSION}. Reload the page to update.`);
  }
  return parseOrThrow(schema, body, what);
}

/** A `:resultId` path segment: a positive decimal integer, else `bad_request`. */
export function parseResultId(raw: unknown): ResultId {
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,14}$/.test(raw)) throw new AppError('bad_request', `result id must be a positive integer, got ${String(raw)}`);
  return ResultId.parse(Number(raw));
}
