import { useEffect, useState } from 'react';
import { AgentContext } from './compute/agent-context.ts';
import { useAgent } from './compute/use-agent.ts';
import type { WorkerClient } from './compute/worker-client.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { AdminHostsPage } from './features/admin/AdminHostsPage.tsx';
import { ContributePage } from './features/contribute/ContributePage.tsx';
import { CreditPage } from './features/credit/CreditPage.tsx';

const PAGES = [
  { hash: '#/contribute', label: 'Contribute' },
  { hash: '#/credit', label: 'Credit' },
  { hash: '#/admin', label: 'Admin' },
] as const;
type PageHash = (typeof PAGES)[number]['hash'];

function currentPage(): PageHash {
  return PAGES.find((p) => p.hash === location.hash)?.hash ?? '#/contribute';
}

/** The app shell: header, navigation (hash links, so deep links and the back button work offline), one page. */
export function App({ client }: { client: WorkerClient }) {
  const [page, setPage] = useState<PageHash>(currentPage);
  // Connected here, not in a page: the agent keeps computing whichever page is shown.
  const agent = useAgent(client);
  useEffect(() => {
    const onHash = () => { setPage(currentPage()); };
    window.addEventListener('hashchange', onHash);
    return () => { window.removeEventListener('hashchange', onHash); };
  }, []);
  return (
    <AgentContext.Provider value={client}>
      <header className="app-header">
        <h1>Axiom Web</h1>
        <nav aria-label="Main">
          <ul>
            {PAGES.map((p) => (
              <li key={p.hash}>
                <a href={p.hash} aria-current={p.hash === page ? 'page' : undefined}>{p.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        <ErrorBoundary>
          {page === '#/contribute' && <ContributePage snapshot={agent.snapshot} connect={agent.connect} />}
          {page === '#/credit' && <CreditPage isConnected={agent.connect?.kind === 'connected'} />}
          {page === '#/admin' && <AdminHostsPage />}
        </ErrorBoundary>
      </main>
    </AgentContext.Provider>
  );
}
