import type { AgentSnapshot, ConnectOutcome } from '../../../worker/api.ts';
import { useWorkerClient } from '../../compute/agent-context.ts';
import { EventLog } from './EventLog.tsx';
import { formatBytes, formatDuration } from './format.ts';
import { OutboxList } from './OutboxList.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { TaskCard } from './TaskCard.tsx';
import { useNow } from './use-now.ts';

const ROLE_TEXT = {
  electing: 'Connecting to the other tabs…',
  leader: 'This tab is the one computing for this browser.',
  follower: 'Another tab of this browser is computing; this tab shows its state.',
} as const;

const IDLE_TEXT = {
  stopped: 'Stopped.',
  no_work: 'No work available right now.',
  daily_quota: 'Daily quota reached.',
  enough_in_progress: 'Enough tasks in progress.',
  offline: 'Server unreachable.',
  failed: 'Something went wrong.',
} as const;

/** Start/stop, settings, the running tasks, the outbox and the event log. */
export function ContributePage({ snapshot, connect }: { snapshot: AgentSnapshot | null; connect: ConnectOutcome | null }) {
  const { api } = useWorkerClient();
  const nowMs = useNow();
  if (connect?.kind === 'failed') {
    return <p role="alert">Could not start the agent ({connect.code}): {connect.message}</p>;
  }
  if (snapshot === null) return <p role="status">Starting…</p>;
  const { settings, idle } = snapshot;
  return (
    <div className="contribute">
      <section aria-labelledby="status-title">
        <h2 id="status-title">Status</h2>
        <p role="status" data-testid="agent-role" data-role={snapshot.role}>{ROLE_TEXT[snapshot.role]}</p>
        <p>
          Server: <span data-testid="connection">{snapshot.connection}</span>
          {snapshot.host !== null && <> · host <span data-testid="host-id">{snapshot.host.hostId}</span></>}
          {idle !== null && !(idle.reason === 'stopped' && !settings.isRunning) && (
            <> · {IDLE_TEXT[idle.reason]}{idle.untilMs !== null && idle.untilMs > nowMs && ` Next try in ${formatDuration((idle.untilMs - nowMs) / 1000)}.`}</>
          )}
        </p>
        {snapshot.problem !== null && (
          <p role="alert" className="problem">
            <strong>{snapshot.problem.code === 'quota_exceeded' ? 'Storage full' : 'Problem'}</strong> ({snapshot.problem.code}): {snapshot.problem.message}
          </p>
        )}
        {snapshot.storage !== null && (
          <p className="storage">
            Storage: {snapshot.storage.isPersisted ? 'persistent' : 'may be cleared by the browser'}
            {snapshot.storage.usageBytes !== null && snapshot.storage.quotaBytes !== null
              && ` · ${formatBytes(snapshot.storage.usageBytes)} of ${formatBytes(snapshot.storage.quotaBytes)} used`}
          </p>
        )}
        <button type="button" className="primary" onClick={() => { void api.setRunning(!settings.isRunning); }}>
          {settings.isRunning ? 'Stop contributing' : 'Start contributing'}
        </button>
      </section>
      <SettingsForm settings={settings} maxCores={snapshot.maxCores} onChange={(patch) => { void api.updateSettings(patch); }} />
      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title">Tasks ({snapshot.tasks.length})</h2>
        {snapshot.tasks.length === 0 && <p>No task running.</p>}
        {snapshot.tasks.map((task) => <TaskCard key={task.resultId} task={task} nowMs={nowMs} />)}
      </section>
      <OutboxList outbox={snapshot.outbox} nowMs={nowMs} onRetry={() => { void api.retryOutboxNow(); }} />
      <EventLog events={snapshot.events} />
    </div>
  );
}
