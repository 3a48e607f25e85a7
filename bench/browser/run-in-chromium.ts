import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, chromiumFlags } from '../../test/support/chromium-flags.ts';
import type { LazyWorkerReply, LazyWorkerRequest } from './lazy-protocol.ts';
import { listenOnLoopback, serveBenchPage, type BenchPage } from './serve-bench-page.ts';

export interface ChromiumLazy {
  /** Sends one epoch-timer request to the page's module Worker. */
  request(request: LazyWorkerRequest): Promise<LazyWorkerReply>;
  close(): Promise<void>;
}

/**
 * Opens headless Debian chromium on a bench page served from 127.0.0.1 with COOP/COEP (so the page is cross-origin
 * isolated as in production); its module Worker runs the ORT wasm engine on request.
 */
export async function openChromiumLazy(): Promise<ChromiumLazy> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const refuser = createServer((_req, res) => { res.writeHead(403); res.end(); });
  refuser.on('connect', (_req, socket) => socket.destroy()); // HTTPS CONNECT attempts: refused as well
  let page: BenchPage | undefined;
  const cleanup = async () => {
    await Promise.all([page?.close(), new Promise<void>((resolve) => refuser.close(() => resolve()))]);
  };
  try {
    page = await serveBenchPage({ page: join(here, 'lazy-page.ts'), worker: join(here, 'lazy-worker.ts') }, 'lazy bench');
    const refusePort = await listenOnLoopback(refuser);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumFlags({ proxyPort: refusePort }) });
    const tab = await browser.newPage();
    await tab.goto(page.url);
    return {
      request: (request) => tab.evaluate((req) => window.runLazyBench(req), request),
      close: async () => {
        await browser.close();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
