import type { AgentEvent } from '../../../worker/api.ts';

/** The newest entries of the agent's event log. */
export function EventLog({ events }: { events: readonly AgentEvent[] }) {
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">Recent events</h2>
      <ol className="events" aria-label="Event log">
        {events.slice(0, 20).map((event, i) => (
          <li key={`${event.atMs}-${i}`} className={`event-${event.level}`}>
            <time dateTime={new Date(event.atMs).toISOString()}>{new Date(event.atMs).toLocaleTimeString()}</time>{' '}
            {event.code !== null && <span className="error-code">[{event.code}] </span>}
            {event.message}
          </li>
        ))}
      </ol>
    </section>
  );
}
