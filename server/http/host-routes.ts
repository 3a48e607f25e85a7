import type { FastifyInstance } from 'fastify';
import { HostAttachReply, HostAttachRequest } from '../../shared/protocol/host-attach.ts';
import { ProgressAck, ProgressReport } from '../../shared/protocol/progress.ts';
import { ResultUpload, UploadAck } from '../../shared/protocol/result-upload.ts';
import { CreditSummary } from '../../shared/protocol/credit.ts';
import { WorkReply, WorkRequest } from '../../shared/protocol/work.ts';
import { attachHost } from '../auth/attach-host.ts';
import { authenticateHost } from '../auth/authenticate-host.ts';
import { unixSeconds } from '../clock.ts';
import { creditSummary } from '../credit/credit-summary.ts';
import { acceptUpload } from '../scheduler/accept-upload.ts';
import { dispatchWork } from '../scheduler/dispatch.ts';
import { reportProgress } from '../scheduler/report-progress.ts';
import type { AppDeps } from './app-deps.ts';
import { parseMessage, parseResultId } from './parse-message.ts';

/**
 * The volunteer routes of JSON API v1. Each parses its body with the shared schema, authenticates the host
 * (`Authorization: Bearer <authenticator>`), calls one service, and parses its own reply before sending it.
 */
export function registerHostRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, clock } = deps;

  app.post('/api/v1/hosts', async (request) => {
    const body = parseMessage(HostAttachRequest, request.body, 'host attach request');
    return HostAttachReply.parse(await attachHost(db, body, unixSeconds(clock)));
  });

  app.post('/api/v1/work', async (request) => {
    const host = await authenticateHost(db, request.headers.authorization);
    const body = parseMessage(WorkRequest, request.body, 'work request');
    return WorkReply.parse(await dispatchWork(db, host, body, unixSeconds(clock)));
  });

  app.post('/api/v1/results/:resultId/progress', async (request) => {
    const host = await authenticateHost(db, request.headers.authorization);
    const resultId = parseResultId((request.params as Record<string, unknown>).resultId); // Fastify types params as unknown
    const body = parseMessage(ProgressReport, request.body, 'progress report');
    return ProgressAck.parse(await reportProgress(db, host, resultId, body, unixSeconds(clock)));
  });

  app.post('/api/v1/results/:resultId', async (request) => {
    const host = await authenticateHost(db, request.headers.authorization);
    const resultId = parseResultId((request.params as Record<string, unknown>).resultId); // Fastify types params as unknown
    const body = parseMessage(ResultUpload, request.body, 'result upload');
    const uploadDeps = { db, transition: deps.transition, onError: (e: unknown) => request.log.error({ err: e }, 'in-process validation failed') };
    return UploadAck.parse(await acceptUpload(uploadDeps, host, resultId, body, unixSeconds(clock)));
  });

  app.get('/api/v1/credit', async (request) => {
    const host = await authenticateHost(db, request.headers.authorization);
    return CreditSummary.parse(await creditSummary(db, host.userId, unixSeconds(clock)));
  });
}
