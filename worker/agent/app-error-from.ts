import { AppError, ErrorBody, type ErrorCode } from '../../shared/errors.ts';

/**
 * Turns a non-2xx reply into an `AppError` that keeps the server's own code and message. A body that is not our
 * `ErrorBody` (a proxy's HTML page, an empty 502) gets a code from the status alone.
 */
export async function appErrorFrom(res: Response): Promise<AppError> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: handled below by falling back to the status code.
  }
  const parsed = ErrorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, issues } = parsed.data.error;
    return new AppError(code, message, issues === undefined ? {} : { issues });
  }
  return new AppError(codeForStatus(res.status), `Server replied ${res.status} ${res.statusText}`.trim());
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 422) return 'invalid_result';
  if (status === 426) return 'upgrade_required';
  if (status === 429) return 'quota_exceeded';
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}

/**
 * Whether trying the same request later can succeed: the server or the network was down, or it was busy. Anything
 * else (409 conflict, 422 invalid result, 400, 401) will fail the same way again, so it is recorded, not retried.
 */
export function isRetryable(code: ErrorCode): boolean {
  return code === 'unavailable' || code === 'internal' || code === 'quota_exceeded';
}
