import type { z } from 'zod';
import { AppError, parseOrThrow } from '../../shared/errors.ts';
import type { Authenticator, ResultId } from '../../shared/ids.ts';
import { CreditSummary } from '../../shared/protocol/credit.ts';
import { HostAttachReply, type HostAttachRequest } from '../../shared/protocol/host-attach.ts';
import { ProgressAck, type ProgressReport } from '../../shared/protocol/progress.ts';
import { UploadAck, type ResultUpload } from '../../shared/protocol/result-upload.ts';
import { WorkReply, type WorkRequest } from '../../shared/protocol/work.ts';
import { appErrorFrom } from './app-error-from.ts';

/** Longest any single API call may take before it counts as "server unreachable". */
const CALL_TIMEOUT_MS = 30_000;

/**
 * The JSON API v1 as the agent calls it. Replies are untrusted: each is parsed with its shared schema, so server
 * drift fails here with the field named. A network failure is `AppError('unavailable')` with the original as cause;
 * an error reply keeps the server's code (`appErrorFrom`).
 */
export function createServerClient(serverOrigin: string) {
  const call = async <T extends z.ZodType>(
    method: 'GET' | 'POST', path: string, reply: T, options: { body?: unknown; auth?: Authenticator; signal?: AbortSignal },
  ): Promise<z.infer<T>> => {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.auth !== undefined) headers.authorization = `Bearer ${options.auth}`;
    const timeout = AbortSignal.timeout(CALL_TIMEOUT_MS);
    let res: Response;
    try {
      res = await fetch(`${serverOrigin}/api/v1${path}`, {
        method, headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]),
      });
    } catch (error) {
      if (options.signal?.aborted === true) throw error; // our own abort: not a server problem
      throw new AppError('unavailable', `Server unreachable (${method} ${path})`, { cause: error });
    }
    if (!res.ok) throw await appErrorFrom(res);
    let json: unknown;
    try {
      json = await res.json();
    } catch (error) {
      throw new AppError('unavailable', `Server sent a reply that is not JSON (${method} ${path})`, { cause: error });
    }
    return parseOrThrow(reply, json, `Reply to ${method} ${path}`, 'internal');
  };

  return {
    attachHost: (request: HostAttachRequest, signal?: AbortSignal) =>
      call('POST', '/hosts', HostAttachReply, { body: request, ...opt(signal) }),
    requestWork: (auth: Authenticator, request: WorkRequest, signal?: AbortSignal) =>
      call('POST', '/work', WorkReply, { body: request, auth, ...opt(signal) }),
    reportProgress: (auth: Authenticator, resultId: ResultId, report: ProgressReport) =>
      call('POST', `/results/${resultId}/progress`, ProgressAck, { body: report, auth }),
    uploadResult: (auth: Authenticator, resultId: ResultId, upload: ResultUpload) =>
      call('POST', `/results/${resultId}`, UploadAck, { body: upload, auth }),
    loadCredit: (auth: Authenticator) => call('GET', '/credit', CreditSummary, { auth }),
  };
}

export type ServerClient = ReturnType<typeof createServerClient>;

function opt(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}
