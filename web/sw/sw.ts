/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

// The service worker keeps the app shell (HTML, JS, CSS, ORT's wasm) available offline, and nothing else: the API is
// never cached, since the agent's own outbox handles an unreachable server. Cached responses keep the server's
// COOP/COEP headers, so an offline start stays cross-origin isolated (reference/runtime.md §1.7).
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string; revision: string | null }> };

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));
