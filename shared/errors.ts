import { z } from 'zod';

/** Machine-readable error codes. Every 4xx/5xx reply carries one, and so do failures at the browser's edges. */
export const ErrorCode = z.enum([
  'bad_request', // malformed JSON, wrong types, failed schema
  'payload_too_large',
  'unauthorized', // unknown host, wrong authenticator, missing admin key
  'forbidden',
  'not_found',
  'conflict', // e.g. a result for a lease that is not this host's, or a replay with different content
  'upgrade_required', // protocol version `v` too old
  'invalid_result', // NaN, non-finite, envelope that does not match its workunit
  'quota_exceeded',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The body of every error reply of the JSON API. */
export const ErrorBody = z.object({
  error: z.object({ code: ErrorCode, message: z.string(), issues: z.array(z.string()).optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** One error class, thrown at any edge and mapped to a reply by one handler (server) or to an outcome (worker). */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly issues: readonly string[] | undefined;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions & { issues?: readonly string[] }) {
    super(message, options);
    this.code = code;
    this.issues = options?.issues;
  }
}

/** Formats zod issues as `path: message` lines, for error replies that name the bad field. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`);
}

/** Parses `data` with `schema`, or throws `AppError(code)` naming every bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown, what: string, code: ErrorCode = 'bad_request'): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = describeIssues(parsed.error);
  throw new AppError(code, `${what} is invalid: ${issues.slice(0, 3).join('; ')}`, { issues });
}
