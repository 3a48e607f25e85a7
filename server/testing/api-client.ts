import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { ResultEnvelope } from '../../shared/envelope.ts';
import { ErrorBody, type ErrorCode } from '../../shared/errors.ts';
import type { Authenticator, ResultId } from '../../shared/ids.ts';
import type { Capabilities } from '../../shared/protocol/capabilities.ts';
import { CreditSummary } from '../../shared/protocol/credit.ts';
import { HostAttachReply } from '../../shared/protocol/host-attach.ts';
import { ProgressAck } from '../../shared/protocol/progress.ts';
import { UploadAck, type ResultUpload } from '../../shared/protocol/result-upload.ts';
import { WorkReply } from '../../shared/protocol/work.ts';

export const CAPABILITIES: Capabilities = {
  cores: 2, memoryMb: 8192, backends: ['ort-wasm', 'reference'], platform: 'vitest', adapter: 'none', flopsPerSecond: 1e9,
};

/** A typed client over `app.inject()`; every reply is parsed with its shared schema. */
export function createApiClient(app: FastifyInstance) {
  const post = (url: string, payload: unknown, auth?: string) => app.inject({
    method: 'POST', url, payload: JSON.stringify(payload), headers: {
      'content-type': 'application/json', ...(auth === undefined ? {} : { authorization: `Bearer ${auth}` }),
    },
  });
  const ok = (r: LightMyRequestResponse) => {
    if (r.statusCode !== 200) throw new Error(`expected 200, got ${r.statusCode}: ${r.body}`);
    return JSON.parse(r.body) as unknown;
  };
  return {
    post,
    async attach(capabilities: Capabilities = CAPABILITIES) {
      return HostAttachReply.parse(ok(await post('/api/v1/hosts', { v: 1, capabilities, identity: null })));
    },
    async work(auth: Authenticator, options: { maxTasks?: number; inProgress?: ResultId[]; capabilities?: Capabilities } = {}) {
      return WorkReply.parse(ok(await post('/api/v1/work', {
        v: 1, capabilities: options.capabilities ?? CAPABILITIES, maxTasks: options.maxTasks ?? 1, inProgress: options.inProgress ?? [],
      }, auth)));
    },
    uploadBody(output: ResultEnvelope): ResultUpload {
      return { v: 1, backend: 'reference', adapter: 'none', computeMs: 1234, output };
    },
    async upload(auth: Authenticator, resultId: ResultId, output: ResultEnvelope) {
      return UploadAck.parse(ok(await post(`/api/v1/results/${resultId}`, this.uploadBody(output), auth)));
    },
    async progress(auth: Authenticator, resultId: ResultId) {
      return ProgressAck.parse(ok(await post(`/api/v1/results/${resultId}/progress`, {
        v: 1, step: 10, totalSteps: 100, fractionDone: 0.1, backend: 'reference', checkpointStep: null,
      }, auth)));
    },
    async credit(auth: Authenticator) {
      const r = await app.inject({ method: 'GET', url: '/api/v1/credit', headers: { authorization: `Bearer ${auth}` } });
      return CreditSummary.parse(ok(r));
    },
  };
}

/** Asserts an error reply: its status and its `ErrorBody` code. Returns the parsed body. */
export function expectError(r: LightMyRequestResponse, status: number, code: ErrorCode): ErrorBody {
  const body = ErrorBody.parse(JSON.parse(r.body));
  if (r.statusCode !== status || body.error.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${r.statusCode} ${body.error.code}: ${body.error.message}`);
  }
  return body;
}
