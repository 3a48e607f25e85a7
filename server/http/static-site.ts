import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS, notFoundBody } from './error-handler.ts';

/** Vite puts content-hashed files under `assets/`: their bytes never change, so browsers may keep them forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Axiom Web</title>
<p>The Axiom Web API is running, but the web app is not built. Run <code>npm run build</code> (or <code>npm start</code>,
which builds and serves) and reload.</p>`;

const isApi = (url: string) => url === '/api' || url.startsWith('/api/');

/**
 * Serves the built PWA from `webDist` (`.wasm` as application/wasm; hashed assets immutable; everything else
 * revalidated) with an SPA fallback: a GET for an unknown non-API path gets index.html. Unknown API routes always get
 * the JSON `not_found`. Without a build, `/` says how to make one and the API still works.
 */
export async function installStaticSite(app: FastifyInstance, webDist: string): Promise<'served' | 'missing'> {
  const root = resolve(webDist);
  const hasBuild = existsSync(resolve(root, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root,
      // `npm run build` writes .br/.gz twins of the hashed assets (vite.config.ts); they are sent when accepted.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('Cache-Control', path.includes(`${sep}assets${sep}`) ? IMMUTABLE : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !isApi(request.url);
    if (isPage && hasBuild) return reply.sendFile('index.html');
    if (isPage && request.url === '/') return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.status(STATUS.not_found).send(notFoundBody(request.method, request.url));
  });
  return hasBuild ? 'served' : 'missing';
}
