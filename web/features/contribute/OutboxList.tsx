import type { OutboxView } from '../../../worker/api.ts';
import { formatDuration } from './format.ts';

/** Finished results not yet acknowledged by the server. */
export function OutboxList({ outbox, nowMs, onRetry }: { outbox: readonly OutboxView[]; nowMs: number; onRetry: () => void }) {
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">Waiting to upload ({outbox.length})</h2>
      {outbox.length === 0 ? <p>Nothing waiting: every finished result has reached the server.</p> : (
        <>
          <ul className="outbox" aria-label="Outbox">
            {outbox.map((entry) => (
              <li key={entry.resultId}>
                <strong>{entry.name}</strong>
                {' — '}
                {entry.attempts === 0 ? 'uploading…' : `${entry.attempts} failed attempt(s), next in ${formatDuration((entry.nextAttemptAtMs - nowMs) / 1000)}`}
                {entry.lastError !== null && <span className="error-code"> ({entry.lastError.code}: {entry.lastError.message})</span>}
              </li>
            ))}
          </ul>
          <button type="button" onClick={onRetry}>Retry uploads now</button>
        </>
      )}
    </section>
  );
}
