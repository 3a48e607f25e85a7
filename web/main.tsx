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
// so an update never kills a running task.
if (!env.isDev) void registerSW({ immediate: true });
