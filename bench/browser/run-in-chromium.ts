import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, chromiumFlags } from '../../test/support/chromium-flags.ts';
import type { LazyWorkerReply, LazyWorkerRequest } from './lazy-protocol.ts';

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('server has no TCP address'));
      else resolve(address.port);
    });
  });
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Bundles the bench page and Worker with esbuild into `dir`, with ORT's wasm beside them (ORT loads it by URL). */
async function buildBundle(dir: string): Promise<void> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  await build({
    entryPoints: [join(here, 'lazy-worker.ts'), join(here, 'lazy-page.ts')], bundle: true, format: 'esm',
    platform: 'browser', target: 'es2022', outdir: dir, logLevel: 'error',
  });
  const wasm = fileURLToPath(import.meta.resolve('onnxruntime-web/wasm')).replace(/[^/]+$/, 'ort-wasm-simd-threaded.wasm');
  await copyFile(wasm, join(dir, 'ort-wasm-simd-threaded.wasm'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>lazy bench</title><script type="module" src="/lazy-page.js"></script>');
}

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
  const dir = await mkdtemp(join(tmpdir(), 'axiom-lazy-bench-'));
  const files = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    readFile(join(dir, path)).then(
      (body) => { res.writeHead(200, { ...ISOLATION, 'Content-Type': MIME[extname(path)] ?? 'application/octet-stream' }); res.end(body); },
      () => { res.writeHead(404, ISOLATION); res.end(); }, // a missing file is the page's problem: it sees the 404
    );
  });
  const refuser = createServer((_req, res) => { res.writeHead(403); res.end(); });
  refuser.on('connect', (_req, socket) => socket.destroy()); // HTTPS CONNECT attempts: refused as well
  const cleanup = async () => {
    await Promise.all([close(files), close(refuser)]);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await buildBundle(dir);
    const [port, refusePort] = [await listen(files), await listen(refuser)];
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumFlags({ proxyPort: refusePort }) });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    return {
      request: (request) => page.evaluate((req) => window.runLazyBench(req), request),
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
