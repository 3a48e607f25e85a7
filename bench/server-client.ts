/**
 * The simulated volunteer hosts of `npm run bench -- server`, in their own process (forked by `server.ts`) so the
 * server keeps its own core. Each host attaches, then loops: ask for work, upload every task's envelope, until the
 * server has no work for it, the result budget is spent, or the time is up. Requests go over real HTTP on keep-alive
 * sockets (node:http Agent: one socket per host, far less client CPU per request than fetch).
 */
import { Agent, request } from 'node:http';
import process from 'node:process';
import type { ResultEnvelope } from '../shared/envelope.ts';
import type { Capabilities } from '../shared/protocol/capabilities.ts';
import { HostAttachReply } from '../shared/protocol/host-attach.ts';
import { UploadAck } from '../shared/protocol/result-upload.ts';
import { WorkReply } from '../shared/protocol/work.ts';

/** What the parent sends to start a run. */
export interface ClientJob {
  readonly type: 'run';
  readonly url: string;
  readonly hosts: number;
  readonly maxTasks: number;
  /** Stop starting uploads after this many (bounded count). */
  readonly maxResults: number;
  /** Stop starting requests after this long (bounded time). */
  readonly maxMs: number;
  /** A real envelope; `wu_id` and `seed` are replaced by each task's own. */
  readonly envelope: ResultEnvelope;
}

export type Route = 'attach' | 'work' | 'upload';

/** What the client reports when every host has stopped. */
export interface ClientReport {
  readonly type: 'done';
  /** From the first work request to the last reply, ms. */
  readonly wallMs: number;
  /** CPU time (user + system) of this client process over the run, ms. */
  readonly cpuMs: number;
  readonly uploads: number;
  readonly verdicts: Record<string, number>;
  readonly latenciesMs: Record<Route, number[]>;
  readonly errors: string[];
}

const CAPABILITIES: Capabilities = {
  cores: 2, memoryMb: 8192, backends: ['reference'], platform: 'bench', adapter: 'none', flopsPerSecond: 1e9,
};

function createHttp(origin: URL, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return (path: string, body: unknown, auth?: string): Promise<{ status: number; json: unknown }> =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request({
        agent, host: origin.hostname, port: origin.port, path, method: 'POST',
        headers: {
          'content-type': 'application/json', 'content-length': Buffer.byteLength(payload),
          ...(auth === undefined ? {} : { authorization: `Bearer ${auth}` }),
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
}

async function runJob(job: ClientJob): Promise<ClientReport> {
  const cpu0 = process.cpuUsage();
  const post = createHttp(new URL(job.url), job.hosts);
  const latenciesMs: Record<Route, number[]> = { attach: [], work: [], upload: [] };
  const verdicts: Record<string, number> = {};
  const errors: string[] = [];
  const timed = async (route: Route, path: string, body: unknown, auth?: string) => {
    const t = performance.now();
    const reply = await post(path, body, auth);
    latenciesMs[route].push(performance.now() - t);
    if (reply.status !== 200) throw new Error(`${route}: HTTP ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json;
  };

  const hosts = await Promise.all(Array.from({ length: job.hosts }, async () =>
    HostAttachReply.parse(await timed('attach', '/api/v1/hosts', { v: 1, capabilities: CAPABILITIES, identity: null }))));
  let uploadsStarted = 0;
  const t0 = performance.now();
  const endAt = t0 + job.maxMs;
  const isOver = () => performance.now() >= endAt || uploadsStarted >= job.maxResults;

  const hostLoop = async (auth: string) => {
    while (!isOver()) {
      const reply = WorkReply.parse(await timed('work', '/api/v1/work', {
        v: 1, capabilities: CAPABILITIES, maxTasks: job.maxTasks, inProgress: [],
      }, auth));
      if (reply.tasks.length === 0) return; // no work this host may take (or the cap): it is done
      for (const task of reply.tasks) {
        if (isOver()) return;
        uploadsStarted++;
        const output = { ...job.envelope, wu_id: task.input.wu_id, seed: task.input.seed };
        const ack = UploadAck.parse(await timed('upload', `/api/v1/results/${task.resultId}`, {
          v: 1, backend: 'reference', adapter: 'none', computeMs: 1000, output,
        }, auth));
        verdicts[ack.verdict] = (verdicts[ack.verdict] ?? 0) + 1;
      }
    }
  };
  await Promise.all(hosts.map((h) => hostLoop(h.authenticator).catch((error: unknown) => {
    errors.push(error instanceof Error ? error.message : String(error)); // reported to the parent, which fails the run
  })));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { type: 'done', wallMs, cpuMs: (cpu.user + cpu.system) / 1000, uploads: latenciesMs.upload.length, verdicts, latenciesMs, errors };
}

process.once('message', (job: ClientJob) => {
  runJob(job).then((report) => {
    process.send?.(report, () => process.exit(0));
  }, (error: unknown) => {
    console.error('[server-client] failed', error);
    process.exit(1);
  });
});
