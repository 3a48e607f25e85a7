import type { Generated } from 'kysely';

/**
 * Row types of the database as TypeScript sees them (camelCase; `CamelCasePlugin` maps to the snake_case columns).
 * Times are unix seconds. JSON columns are text and foreign data: readers parse them with the shared schemas.
 */
export interface UserTable {
  id: Generated<number>;
  /** BOINC-style account key (32 hex), so an anonymous account can be claimed later. */
  accountKey: string;
  name: string | null;
  createdAt: number;
}

export interface HostTable {
  id: Generated<number>;
  userId: number;
  authenticator: string;
  platform: string;
  cores: number;
  memoryMb: number | null;
  /** JSON array of backend names, best first. */
  backendsJson: string;
  adapter: string;
  flopsPerSecond: number | null;
  createdAt: number;
  lastContact: number;
}

export interface AppVersionTable {
  id: Generated<number>;
  experiment: string;
  versionNum: number;
  isDeprecated: number;
  createdAt: number;
}

export interface SweepTable {
  id: Generated<number>;
  name: string;
  experiment: string;
  appVersionId: number;
  createdAt: number;
}

export interface WorkunitTable {
  id: Generated<number>;
  sweepId: number;
  appVersionId: number;
  name: string;
  experiment: string;
  /** The `WorkunitInput` sent to hosts, as JSON. */
  inputJson: string;
  rscFpopsEst: number;
  delayBound: number;
  minQuorum: number;
  targetNresults: number;
  maxErrorResults: number;
  maxTotalResults: number;
  maxSuccessResults: number;
  canonicalResultid: number | null;
  errorMask: number;
  assimilateState: number;
  /** When the transitioner should look at this workunit next; null = nothing pending. */
  transitionTime: number | null;
  createdAt: number;
}

export interface ResultTable {
  id: Generated<number>;
  workunitId: number;
  name: string;
  serverState: number;
  outcome: number;
  validateState: number;
  hostId: number | null;
  userId: number | null;
  createdAt: number;
  sentTime: number | null;
  reportDeadline: number | null;
  receivedTime: number | null;
  /** The uploaded `ResultEnvelope` as JSON. */
  outputJson: string | null;
  outputDigest: string | null;
  backend: string | null;
  adapter: string | null;
  /** Self-reported by the host; shown, never used for credit. */
  computeMs: number | null;
  /** received − sent, as observed by the server. */
  elapsedS: number | null;
  lastProgressTime: number | null;
  fractionDone: number | null;
}

/** Append-only: rows are inserted, never updated or deleted. UNIQUE(result_id) makes a double grant impossible. */
export interface CreditLedgerTable {
  id: Generated<number>;
  resultId: number;
  userId: number;
  hostId: number;
  credit: number;
  grantedAt: number;
}

export interface Database {
  user: UserTable;
  host: HostTable;
  appVersion: AppVersionTable;
  sweep: SweepTable;
  workunit: WorkunitTable;
  result: ResultTable;
  creditLedger: CreditLedgerTable;
}
