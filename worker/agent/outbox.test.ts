import { expect, test } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import type { Authenticator, ResultId } from '../../shared/ids.ts';
import type { ResultUpload } from '../../shared/protocol/result-upload.ts';
import type { StoredEvent, StoredOutboxEntry } from '../storage/records.ts';
import { createAgentState, emptySnapshot } from './agent-state.ts';
import { RETRY_BASE_MS } from './backoff.ts';
import { createOutbox, type OutboxDeps } from './outbox.ts';

const AUTH = '0123456789abcdef0123456789abcdef' as Authenticator; // as: a fixture in the branded format
const RESULT = 7 as ResultId; // as: a fixture id

function entry(): StoredOutboxEntry {
  // The upload body is opaque to the outbox: it is stored and sent as is.
  const upload = { v: 1, backend: 'ort-wasm', adapter: 'none', computeMs: 5 } as unknown as ResultUpload; // as: opaque here
  return { resultId: RESULT, name: 'wu-1_0', upload, attempts: 0, nextAttemptAtMs: 0, lastError: null };
}

/** An in-memory outbox store and a scripted server, so the retry policy can be checked without a browser. */
function setup(replies: Array<'ok' | AppError>) {
  const rows = new Map<ResultId, StoredOutboxEntry>([[RESULT, entry()]]);
  const events: StoredEvent[] = [];
  const sent: ResultId[] = [];
  const state = createAgentState(emptySnapshot(2));
  const deps: OutboxDeps = {
    store: {
      listOutbox: () => Promise.resolve({ records: [...rows.values()], droppedCount: 0 }),
      putOutbox: (e) => { rows.set(e.resultId, e); return Promise.resolve(); },
      deleteOutbox: (id) => { rows.delete(id); return Promise.resolve(); },
    },
    client: {
      uploadResult: (_auth, resultId) => {
        sent.push(resultId);
        const reply = replies.shift();
        if (reply === undefined || reply === 'ok') {
          return Promise.resolve({ v: 1 as const, resultId, receipt: 'accepted' as const, verdict: 'pending' as const, grantedCredit: 0 });
        }
        return Promise.reject(reply);
      },
    },
    state, log: (e) => { events.push(e); return Promise.resolve(); }, getAuth: () => AUTH, nowMs: () => 1_000_000, jitter01: () => 0,
  };
  return { outbox: createOutbox(deps), rows, events, sent, state };
}

test('an unreachable server keeps the result in the outbox with its backoff, and a later 2xx removes it', async () => {
  const { outbox, rows, events, state } = setup([new AppError('unavailable', 'Server unreachable'), 'ok']);
  const nextDue = await outbox.flush(false);
  expect(rows.get(RESULT)?.attempts).toBe(1);
  expect(nextDue).toBe(1_000_000 + RETRY_BASE_MS);
  expect(state.get().outbox).toHaveLength(1);
  expect(state.get().connection).toBe('offline');

  expect(await outbox.flush(false)).toBe(nextDue); // not due yet: nothing is sent
  expect(await outbox.flush(true)).toBeNull(); // "Retry now", and the server is back
  expect(rows.size).toBe(0);
  expect(state.get().outbox).toHaveLength(0);
  expect(events.at(-1)?.message).toMatch(/^Uploaded wu-1_0/);
});

test('a refusal that cannot change on retry is logged with its code and not retried', async () => {
  const { outbox, rows, events, sent, state } = setup([new AppError('conflict', 'lease belongs to another host')]);
  expect(await outbox.flush(false)).toBeNull();
  expect(rows.size).toBe(0);
  expect(sent).toEqual([RESULT]);
  expect(events.at(-1)).toMatchObject({ level: 'error', code: 'conflict' });
  expect(state.get().problem?.code).toBe('conflict');
});
