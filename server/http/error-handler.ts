import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorBody, type ErrorCode } from '../../shared/errors.ts';

/** HTTP status of every error code: one table, checked complete by the compiler. */
export const STATUS = {
  bad_request: 400,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  upgrade_required: 426,
  invalid_result: 422,
  quota_exceeded: 429,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

function body(code: ErrorCode, message: string, issues?: readonly string[]): ErrorBody {
  return { error: { code, message, ...(issues === undefined ? {} : { issues: [...issues] }) } };
}

/** Fastify's own 4xx (bad JSON, body too large, wrong content type) as our codes; everything else is a bug. */
function fromFastify(error: FastifyError): AppError | undefined {
  if (error.statusCode === 413) return new AppError('payload_too_large', `request body is too large: ${error.message}`);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('bad_request', error.message);
  }
  return undefined;
}

/**
 * The one place that turns errors into replies: `AppError` codes map through `STATUS`; Fastify's parser errors become
 * `bad_request`/`payload_too_large`; anything else is logged with its stack and the client sees only `internal`.
 * Unknown routes get `not_found` in the same body shape (from the not-found handler of `static-site.ts`).
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof AppError ? error : fromFastify(error);
    if (known === undefined) {
      request.log.error({ err: error }, 'unhandled error');
      return reply.status(STATUS.internal).send(body('internal', 'internal server error'));
    }
    return reply.status(STATUS[known.code]).send(body(known.code, known.message, known.issues));
  });
}

/** The reply of an unknown API route. */
export function notFoundBody(method: string, url: string): ErrorBody {
  return body('not_found', `no route ${method} ${url}`);
}
