import type { ErrorCode } from '../shared/errors.ts';
import type { ExperimentName } from '../shared/envelope.ts';
import type { HostId, ResultId, UserId } from '../shared/ids.ts';
import type { BackendName } from '../shared/protocol/capabilities.ts';
import type { CreditSummary } from '../shared/protocol/credit.ts';
import type { ResultVerdict } from '../shared/protocol/result-upload.ts';

/**
 * The whole contract between the page and the worker side (STYLE §4). The page holds a `Remote<WorkerApi>` made by
 * `web/compute/worker-client.ts` and nothing else: it never computes, never opens IndexedDB and never talks to the
 * scheduler. Every ending and every event is data, because comlink turns a thrown `AppError` into a bare `Error`
 * and drops its `code`.
 *
 * Topology: each tab runs one agent Worker (this API). The agent Workers of one browser profile elect a leader with
 * the Web Locks API; the leader runs the volunteer loop and one compute Worker per allowed core, the others mirror
 * its state over BroadcastChannel, forward the volunteer's commands to it, and take over when it goes away.
 */
export interface WorkerApi {
  /**
   * Joins this tab to the profile's agent. `onSnapshot` is a comlink `proxy()` callback that receives the agent's
   * whole state at once and again on every change (leader or mirrored follower alike).
   */
  connect(config: WorkerConfig, onSnapshot: (snapshot: AgentSnapshot) => void): Promise<ConnectOutcome>;
  /** Start or stop contributing. Stored in IndexedDB, so a reload keeps the choice. Stop is soft: tasks checkpoint. */
  setRunning(isRunning: boolean): Promise<void>;
  /** Changes the volunteer's settings (cores, CPU limit, checkpoint interval); values are clamped to their ranges. */
  updateSettings(patch: SettingsPatch): Promise<void>;
  /** Tries every outbox entry now instead of waiting for its backoff. */
  retryOutboxNow(): Promise<void>;
  /** This host's credit from the server (`GET /api/v1/credit`, with the host's authenticator from IndexedDB). */
  loadCredit(): Promise<Outcome<CreditSummary>>;
}

/** What the page passes on connect; the worker reads no environment itself (STYLE §11). */
export interface WorkerConfig {
  /** Origin of the JSON API, e.g. `location.origin` (the server also serves the PWA). */
  readonly serverOrigin: string;
  /**
   * Whether `navigator.storage.persist()` was granted. The page asks, because `persist()` exists only on `Window`;
   * the worker shows the answer.
   */
  readonly isStoragePersisted: boolean;
}

/** The volunteer's settings, as stored and as shown. */
export interface AgentSettings {
  readonly isRunning: boolean;
  /** Compute Workers to run at once (one task each), 1 … `maxCores`. */
  readonly cores: number;
  /** BOINC's `cpu_usage_limit`: percentage of time a compute Worker may compute (1–100); it idles the rest. */
  readonly cpuLimitPct: number;
  /** BOINC's `disk_interval`: seconds between checkpoints of a running task (1–3600). @defaultValue 10 */
  readonly checkpointIntervalS: number;
}

export type SettingsPatch = Partial<Omit<AgentSettings, 'isRunning'>>;

/** The agent's whole state, pushed to every tab. */
export interface AgentSnapshot {
  /** `leader`: this tab computes; `follower`: another tab of this profile does and this one mirrors it. */
  readonly role: 'electing' | 'leader' | 'follower';
  readonly settings: AgentSettings;
  /** `navigator.hardwareConcurrency` of the leader. */
  readonly maxCores: number;
  readonly host: { readonly hostId: HostId; readonly userId: UserId } | null;
  /** `online` after the last call reached the server, `offline` after it failed at the network level. */
  readonly connection: 'unknown' | 'online' | 'offline';
  /** What the loop is doing when no task runs, e.g. waiting for work (`no_work`) until `untilMs`. */
  readonly idle: IdleState | null;
  readonly tasks: readonly TaskView[];
  readonly outbox: readonly OutboxView[];
  /** Newest first; the last 50 of the event log. */
  readonly events: readonly AgentEvent[];
  readonly storage: StorageView | null;
  /** Set while something needs the volunteer's attention (quota full, server rejects us, …). */
  readonly problem: Problem | null;
}

export interface IdleState {
  readonly reason: 'stopped' | 'no_work' | 'daily_quota' | 'enough_in_progress' | 'offline' | 'failed';
  readonly untilMs: number | null;
}

/** One task on this host, from lease to hand-over to the outbox. */
export interface TaskView {
  readonly resultId: ResultId;
  readonly name: string;
  readonly experiment: ExperimentName;
  readonly phase: 'queued' | 'starting' | 'running' | 'stopping';
  readonly step: number;
  readonly totalSteps: number;
  /** Backend the compute Worker chose, once it has. */
  readonly backend: BackendName | null;
  /** Seconds left at the current speed; null until measurable. */
  readonly etaS: number | null;
  /** Step and wall-clock time (epoch ms) of the last checkpoint stored in IndexedDB. */
  readonly checkpoint: { readonly step: number; readonly savedAtMs: number } | null;
  /** Step this run resumed from, when it started from a checkpoint. */
  readonly resumedFromStep: number | null;
  readonly reportDeadlineUnixS: number;
}

/** A finished result waiting for the server's acknowledgement. */
export interface OutboxView {
  readonly resultId: ResultId;
  readonly name: string;
  readonly attempts: number;
  /** Epoch ms of the next upload attempt. */
  readonly nextAttemptAtMs: number;
  readonly lastError: { readonly code: ErrorCode; readonly message: string } | null;
}

/** One line of the event log (IndexedDB), shown on the Contribute page. */
export interface AgentEvent {
  readonly atMs: number;
  readonly level: 'info' | 'warn' | 'error';
  /** Set for failures; the server's own code when it sent one. */
  readonly code: ErrorCode | null;
  readonly message: string;
  /** For uploads: the verdict and credit the server acknowledged. */
  readonly upload?: { readonly resultId: ResultId; readonly verdict: ResultVerdict; readonly grantedCredit: number } | undefined;
}

export interface StorageView {
  readonly isPersisted: boolean;
  readonly usageBytes: number | null;
  readonly quotaBytes: number | null;
}

export interface Problem {
  readonly code: ErrorCode;
  readonly message: string;
  readonly atMs: number;
}

/** How `connect` ended: connected in some role, or failed (no IndexedDB, no Web Locks, …). */
export type ConnectOutcome =
  | { readonly kind: 'connected' }
  | { readonly kind: 'failed'; readonly code: ErrorCode; readonly message: string };

/** A value, or the failure with its code (never a thrown error across comlink). */
export type Outcome<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'failed'; readonly code: ErrorCode; readonly message: string };
