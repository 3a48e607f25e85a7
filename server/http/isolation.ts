import type { FastifyInstance } from 'fastify';

/**
 * Cross-origin isolation (runtime.md §5.4): onnxruntime-web's wasm threads need SharedArrayBuffer, so every response
 * (the HTML and every JS file, Worker scripts included; API replies and errors too) carries COOP/COEP/CORP. With the
 * headers on the HTML only, the page was isolated but its module Worker failed to load.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

export function installIsolationHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(ISOLATION_HEADERS);
  });
}
