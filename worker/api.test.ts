import type { Remote } from 'comlink';
import { expectTypeOf, test } from 'vitest';
import type { CreditSummary } from '../shared/protocol/credit.ts';
import type { ConnectOutcome, Outcome, SettingsPatch, WorkerApi } from './api.ts';

// The page holds Remote<WorkerApi> (web/compute/worker-client.ts). These pin what it sees: every call is async and
// every ending is data, so nothing depends on a thrown error crossing comlink (which would lose its code).
test('the page sees the whole WorkerApi as async calls whose endings are data', () => {
  type PageSide = Remote<WorkerApi>;
  // Both ways round: comlink's Remote<> rebuilds the types, so exact identity is too strict, mutual assignability is not.
  type Credit = Awaited<ReturnType<PageSide['loadCredit']>>;
  expectTypeOf<Credit>().toExtend<Outcome<CreditSummary>>();
  expectTypeOf<Outcome<CreditSummary>>().toExtend<Credit>();
  type Connect = Awaited<ReturnType<PageSide['connect']>>;
  expectTypeOf<Connect>().toExtend<ConnectOutcome>();
  expectTypeOf<ConnectOutcome>().toExtend<Connect>();
  expectTypeOf<PageSide['setRunning']>().parameters.toEqualTypeOf<[isRunning: boolean]>();
  expectTypeOf<PageSide['updateSettings']>().parameters.toEqualTypeOf<[patch: SettingsPatch]>();
  expectTypeOf<PageSide['retryOutboxNow']>().returns.toEqualTypeOf<Promise<void>>();
});
