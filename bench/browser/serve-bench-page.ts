import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Cross-origin isolation as the app server sends it (runtime.md §5.4), so bench pages run ORT as in production.
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin',
} as const;
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** Listens on 127.0.0.1 at a free port and returns it. */
export function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('server has no TCP address'));
      else resolve(address.port);
    });
  });
}

export interface BenchPage {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Bundles a bench page and its module Worker (absolute paths of their .ts entries) with esbuild into a temp folder,
 * with ORT's wasm beside them (ORT loads it by URL), and serves the folder from 127.0.0.1 with COOP/COEP.
 */
export async function serveBenchPage(entries: { page: string; worker: string }, title: string): Promise<BenchPage> {
  const dir = await mkdtemp(join(tmpdir(), 'axiom-bench-page-'));
  const files = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    readFile(join(dir, path)).then(
      (body) => { res.writeHead(200, { ...ISOLATION, 'Content-Type': MIME[extname(path)] ?? 'application/octet-stream' }); res.end(body); },
      () => { res.writeHead(404, ISOLATION); res.end(); }, // a missing file is the page's problem: it sees the 404
    );
  });
  const close = async () => {
    await new Promise<void>((resolve) => files.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await build({ entryPoints: [entries.worker, entries.page], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outdir: dir, logLevel: 'error' });
    const wasm = fileURLToPath(import.meta.resolve('onnxruntime-web/wasm')).replace(/[^/]+$/, 'ort-wasm-simd-threaded.wasm');
    await copyFile(wasm, join(dir, 'ort-wasm-simd-threaded.wasm'));
    const script = `/${basename(entries.page, '.ts')}.js`;
    await writeFile(join(dir, 'index.html'), `<!doctype html><title>${title}</title><script type="module" src="${script}"></script>`);
    const port = await listenOnLoopback(files);
    return { url: `http://127.0.0.1:${port}/`, close };
  } catch (error) {
    await close();
    throw error;
  }
}
