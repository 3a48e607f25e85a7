import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Cross-origin isolation (SharedArrayBuffer, so ORT may use wasm threads) needs these on the HTML and on every
// script, Worker scripts included (reference/runtime.md §5.4). The Node server sends them in production and e2e.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
/** `vite dev`/`preview` forward the API to a locally running server (`npm run serve`, port 8080 by default). */
const apiProxy = { '/api': 'http://127.0.0.1:8080' };

/**
 * Writes `.br` and `.gz` twins of the hashed assets, which the server sends when the browser accepts them
 * (@fastify/static `preCompressed`). ORT's wasm is 14 MB raw and 2.4 MB brotli (runtime.md §1.7); fetching it raw
 * was ~0.6 s of the first task's cold start even on loopback (bench/RESULTS.md, browser section). Brotli quality 9,
 * not 11: nearly the same size, and the build stays fast.
 */
function precompressAssets(outDir: string): Plugin {
  return {
    name: 'axiom-precompress-assets',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const name of readdirSync(assets)) {
        if (!/\.(wasm|js|mjs|css)$/.test(name)) continue;
        const bytes = readFileSync(join(assets, name));
        if (bytes.length < 1024) continue;
        writeFileSync(join(assets, `${name}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
        writeFileSync(join(assets, `${name}.gz`), gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2023' },
  // Module Workers: the agent Worker spawns compute Workers, and they import ORT's ES module.
  worker: { format: 'es' },
  server: { headers: isolation, proxy: apiProxy },
  preview: { headers: isolation, proxy: apiProxy },
  plugins: [
    react(),
    precompressAssets(join(import.meta.dirname, 'dist')),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: 'Axiom Web',
        short_name: 'Axiom',
        description: "Lend your browser's spare CPU to machine-learning science.",
        theme_color: '#1d3557',
        background_color: '#f6f7f9',
        display: 'standalone',
        start_url: '/',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      injectManifest: {
        // Workbox's 2 MiB default fails the build on ORT's 14 MB wasm (reference/runtime.md §1.7).
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        globPatterns: ['**/*.{js,css,html,wasm,svg,webmanifest}'],
      },
    }),
  ],
});
