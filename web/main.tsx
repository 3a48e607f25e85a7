import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './App.tsx';
import { createWorkerClient } from './compute/worker-client.ts';
import { env } from './env.ts';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App client={createWorkerClient(env.apiOrigin)} />
  </StrictMode>,
);
// The service worker serves the app shell offline. A new version waits until every tab is closed (no skipWaiting),
// so an update never kills a running task. Its install precaches ~15 MB (ORT's wasm), which on a cold start competed
// with the first task's own wasm fetch and compile (+0.8 s to the first step, bench/RESULTS.md browser section), so it
// is registered a few seconds after the page has loaded.
const SW_DELAY_MS = 5000;
if (!env.isDev) {
  const register = () => setTimeout(() => void registerSW({ immediate: true }), SW_DELAY_MS);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
