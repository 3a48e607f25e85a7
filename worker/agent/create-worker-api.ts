import { AppError } from '../../shared/errors.ts';
import type { Capabilities } from '../../shared/protocol/capabilities.ts';
import type { Experiment } from '../../experiments/experiment.ts';
import type { AgentSnapshot, WorkerApi } from '../api.ts';
import type { AxiomDatabase } from '../storage/db.ts';
import { createProfileStore } from '../storage/profile-store.ts';
import { startAgent, type AgentControl } from './agent-loop.ts';
import { createAgentState, defaultSettings, emptySnapshot } from './agent-state.ts';
import { electLeader } from './leader-election.ts';
import { createServerClient } from './server-client.ts';
import type { ComputeHandle } from './task-runner.ts';
import { readTabMessage, type TabCommand, type TabMessage } from './tab-channel.ts';

export interface WorkerApiDeps {
  readonly openDb: () => Promise<AxiomDatabase>;
  readonly locks: LockManager;
  readonly openChannel: () => BroadcastChannel;
  readonly hardwareConcurrency: number;
  readonly userAgent: string;
  readonly storageEstimate: () => Promise<StorageEstimate>;
  readonly findExperiment: (name: string) => Experiment | undefined;
  readonly spawnCompute: () => ComputeHandle;
  readonly nowMs: () => number;
  readonly jitter01: () => number;
}

/**
 * The agent Worker's API (one per tab). The page connects; this context then competes for the profile's lock. As
 * leader it runs the agent and broadcasts its snapshots; as follower it mirrors the leader's snapshots and forwards
 * the volunteer's commands. Failures come back as data (`ConnectOutcome`, `Outcome`), never as thrown errors.
 */
export function createWorkerApi(deps: WorkerApiDeps): WorkerApi {
  let control: AgentControl | null = null;
  let channel: BroadcastChannel | null = null;
  let client: ReturnType<typeof createServerClient> | null = null;
  let store: ReturnType<typeof createProfileStore> | null = null;

  const send = (message: TabMessage): void => { channel?.postMessage(message); };
  const apply = async (command: TabCommand): Promise<void> => {
    if (control === null) {
      send({ type: 'command', command });
      return;
    }
    if (command.kind === 'set-running') await control.setRunning(command.isRunning);
    else if (command.kind === 'update-settings') await control.updateSettings(command.patch);
    else await control.retryOutboxNow();
  };

  return {
    async connect(config, onSnapshot) {
      try {
        const db = await deps.openDb();
        store = createProfileStore(db);
        client = createServerClient(config.serverOrigin);
        const maxCores = Math.max(1, deps.hardwareConcurrency);
        const state = createAgentState(emptySnapshot(maxCores));
        const estimate = await deps.storageEstimate().catch((error: unknown) => {
          console.warn('storage estimate unavailable', error); // shown as "unknown" usage
          const unknownEstimate: StorageEstimate = {};
          return unknownEstimate;
        });
        state.update({
          settings: await store.getSettings(defaultSettings(maxCores)),
          storage: { isPersisted: config.isStoragePersisted, usageBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null },
        });
        state.subscribe((snapshot: AgentSnapshot) => { void onSnapshot(snapshot); });
        channel = deps.openChannel();
        const profileStore = store;
        const serverClient = client;
        channel.addEventListener('message', (event: MessageEvent<unknown>) => {
          const message = readTabMessage(event.data);
          if (message === null) return;
          if (control !== null) {
            if (message.type === 'hello') send({ type: 'snapshot', snapshot: state.get() });
            else if (message.type === 'command') void apply(message.command);
          } else if (message.type === 'snapshot') {
            state.update({ ...message.snapshot, role: 'follower', storage: state.get().storage });
          }
        });
        electLeader(deps.locks, {
          onFollower: () => {
            state.update({ role: 'follower' });
            send({ type: 'hello' });
          },
          onLeader: () => {
            state.update({ role: 'leader', tasks: [], idle: null });
            state.subscribe((snapshot) => { send({ type: 'snapshot', snapshot }); });
            void startAgent({
              store: profileStore, client: serverClient, state, findExperiment: deps.findExperiment, spawnCompute: deps.spawnCompute,
              nowMs: deps.nowMs, jitter01: deps.jitter01,
              capabilities: (cores): Capabilities => ({
                cores, memoryMb: null, backends: ['ort-wasm', 'reference'], platform: deps.userAgent.slice(0, 400), adapter: 'none', flopsPerSecond: null,
              }),
            }, state.get().settings).then((c) => { control = c; }, (error: unknown) => {
              const code = error instanceof AppError ? error.code : 'internal';
              console.error('agent failed to start', error);
              state.update({ problem: { code, message: error instanceof Error ? error.message : String(error), atMs: deps.nowMs() } });
            });
          },
        });
        return { kind: 'connected' };
      } catch (error) {
        console.error('connect failed', error);
        return { kind: 'failed', code: error instanceof AppError ? error.code : 'internal', message: error instanceof Error ? error.message : String(error) };
      }
    },
    setRunning: (isRunning) => apply({ kind: 'set-running', isRunning }),
    updateSettings: (patch) => apply({ kind: 'update-settings', patch }),
    retryOutboxNow: () => apply({ kind: 'retry-outbox' }),
    async loadCredit() {
      try {
        const identity = await store?.getIdentity();
        if (client === null || identity === null || identity === undefined) {
          return { kind: 'failed', code: 'not_found', message: 'This browser has not attached to the server yet: start contributing first.' };
        }
        return { kind: 'ok', value: await client.loadCredit(identity.authenticator) };
      } catch (error) {
        if (error instanceof AppError) return { kind: 'failed', code: error.code, message: error.message };
        throw error;
      }
    },
  };
}
