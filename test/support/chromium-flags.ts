/**
 * The one list of Chromium switches for every Playwright and vitest-browser launch (reference/runtime.md §4.2).
 * Debian's chromium calls Google services on its own even with the quiet flags, so tests also make every name but
 * loopback unresolvable and send any proxied request to a local server that refuses it: nothing leaves the machine.
 */

/** Port of the refusing proxy (`refusing-proxy.ts`), started by the Playwright config beside the app server. */
export const REFUSING_PROXY_PORT = 4311;

/** Path of Debian's chromium; tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export function chromiumFlags(options: { proxyPort?: number; isWebGpu?: boolean } = {}): string[] {
  const refuse = `http://127.0.0.1:${options.proxyPort ?? REFUSING_PROXY_PORT}/`;
  return [
    '--no-sandbox', // chromium refuses to run as root (containers) without it
    '--disable-dev-shm-usage', // a small /dev/shm in containers crashes renderers
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    '--disable-client-side-phishing-detection', '--disable-domain-reliability', '--disable-default-apps', '--no-default-browser-check',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    `--proxy-server=${refuse.slice(0, -1)}`,
    '--proxy-bypass-list=127.0.0.1;localhost;[::1]',
    `--gaia-url=${refuse}`, `--google-apis-url=${refuse}`, `--lso-url=${refuse}`, `--component-updater=url-source=${refuse}`,
    // WebGPU specs need the (SwiftShader) adapter; plain UI specs keep the GPU off.
    ...(options.isWebGpu === true ? ['--enable-unsafe-webgpu'] : ['--disable-gpu']),
  ];
}
