import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
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
