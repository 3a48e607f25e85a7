import { useId, useState, type FormEvent } from 'react';
import { env } from '../../env.ts';
import { useAdminHosts } from './use-admin-hosts.ts';

/** sessionStorage key: the admin key lives only as long as this tab's session. */
const ADMIN_KEY_STORAGE = 'axiom-web/admin-key';

/** Hosts as the server sees them; asks for the admin key first. */
export function AdminHostsPage() {
  const id = useId();
  const [adminKey, setAdminKey] = useState<string | null>(() => sessionStorage.getItem(ADMIN_KEY_STORAGE));
  const [draft, setDraft] = useState('');
  const [generation, setGeneration] = useState(0);
  const state = useAdminHosts(env.apiOrigin, adminKey, generation);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const key = draft.trim();
    if (key.length === 0) return;
    sessionStorage.setItem(ADMIN_KEY_STORAGE, key);
    setAdminKey(key);
    setDraft('');
  };
  const forget = () => { sessionStorage.removeItem(ADMIN_KEY_STORAGE); setAdminKey(null); };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Hosts</h2>
      {adminKey === null ? (
        <form onSubmit={submit}>
          <label htmlFor={`${id}-key`}>Admin key</label>
          <input id={`${id}-key`} type="password" autoComplete="off" value={draft} onChange={(e) => { setDraft(e.target.value); }} />
          <button type="submit">Show hosts</button>
        </form>
      ) : (
        <p>
          <button type="button" onClick={() => { setGeneration((g) => g + 1); }}>Refresh</button>{' '}
          <button type="button" onClick={forget}>Forget admin key</button>
        </p>
      )}
      {state.kind === 'loading' && <p role="status">Loading…</p>}
      {state.kind === 'failed' && <p role="alert">Could not load hosts ({state.code}): {state.message}</p>}
      {state.kind === 'ok' && (
        <div className="table-scroll">
          <table>
            <caption>{state.list.hosts.length} host(s)</caption>
            <thead>
              <tr><th scope="col">Host</th><th scope="col">Last contact</th><th scope="col">Backend</th><th scope="col">Tasks in progress</th><th scope="col">Valid results</th><th scope="col">Credit</th></tr>
            </thead>
            <tbody>
              {state.list.hosts.map((h) => (
                <tr key={h.hostId}>
                  <th scope="row">{h.hostId}</th>
                  <td>{new Date(h.lastContactUnixS * 1000).toLocaleString()}</td>
                  <td>{h.backend ?? '—'}</td>
                  <td>{h.tasksInProgress}</td>
                  <td>{h.resultsValid}</td>
                  <td>{h.totalCredit.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
