import type { Clock } from '../clock.ts';
import { unixSeconds } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { dueWorkunitIds, updateWorkunit } from '../db/workunits-repo.ts';
import { transitionWorkunit, type FindExperiment } from './transition-workunit.ts';

/** Workunits handled per batch; each is its own transaction so a long backlog never holds the write lock for long. */
const BATCH = 100;
/** A workunit whose transition failed is looked at again after this long (BOINC's validator retries after 6 h). */
const RETRY_AFTER_S = 3600;

async function scheduleRetry(db: Db, workunitId: number, atS: number): Promise<void> {
  await updateWorkunit(db, workunitId, { transitionTime: atS });
}

export interface Transitioner {
  /** Transitions every due workunit now; resolves to how many were handled. */
  readonly runOnce: () => Promise<number>;
  /** Transitions one workunit now, in its own transaction. */
  readonly transition: (workunitId: number) => Promise<void>;
  /** Transitions one workunit now inside the caller's transaction `trx` (the upload handler's in-process validator). */
  readonly transitionIn: (trx: Db, workunitId: number) => Promise<void>;
  readonly start: () => void;
  readonly stop: () => Promise<void>;
}

/** The transitioner daemon: an in-process loop over workunits whose `transition_time` has come. */
export function createTransitioner(deps: {
  db: Db;
  clock: Clock;
  findExperiment: FindExperiment;
  intervalMs: number;
  onError: (error: unknown) => void;
}): Transitioner {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const transitionIn = async (trx: Db, workunitId: number): Promise<void> => {
    await transitionWorkunit(trx, workunitId, unixSeconds(deps.clock), deps.findExperiment);
  };
  const transition = async (workunitId: number): Promise<void> => {
    await deps.db.transaction().execute((trx) => transitionIn(trx, workunitId));
  };

  /** A workunit whose transition throws is retried later, so it cannot block the ones due after it. */
  const transitionOrPostpone = async (id: number): Promise<void> => {
    try {
      await transition(id);
    } catch (error) {
      deps.onError(error);
      await scheduleRetry(deps.db, id, unixSeconds(deps.clock) + RETRY_AFTER_S);
    }
  };

  const runOnce = async (): Promise<number> => {
    let handled = 0;
    for (;;) {
      const ids = await dueWorkunitIds(deps.db, unixSeconds(deps.clock), BATCH);
      for (const id of ids) await transitionOrPostpone(id);
      handled += ids.length;
      if (ids.length < BATCH) return handled;
    }
  };

  const tick = () => {
    running = runOnce().catch(deps.onError).finally(() => {
      if (timer !== undefined) timer = setTimeout(tick, deps.intervalMs);
    });
  };

  return {
    runOnce,
    transition,
    transitionIn,
    start() {
      if (timer === undefined) timer = setTimeout(tick, deps.intervalMs);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
