import { createServer } from 'node:http';

// A proxy that refuses everything: Chromium's stray calls home (see chromium-flags.ts) end here with a 403.
// Run by the Playwright config as a webServer: `npx tsx test/support/refusing-proxy.ts <port>`.
const port = Number(process.argv[2] ?? '4311');
const server = createServer((_req, res) => {
  res.writeHead(403, { 'content-type': 'text/plain' });
  res.end('refused: tests send nothing off this machine\n');
});
server.on('connect', (_req, socket) => { socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'); });
server.listen(port, '127.0.0.1');
