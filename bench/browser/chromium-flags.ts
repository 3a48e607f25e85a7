/**
 * Flags for Debian's /usr/bin/chromium on a closed network (runtime.md §4.2): run as root in a container, make no
 * calls home. `refusePort` is a local server that refuses every proxied request, so nothing leaves the machine.
 * TODO(lead): move to test/support/ once the Playwright config wants the same list (runtime.md: one module for all).
 */
export function chromiumArgs(refusePort: number): string[] {
  const refuse = `http://127.0.0.1:${refusePort}/`;
  return [
    '--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    `--proxy-server=${refuse}`, '--proxy-bypass-list=127.0.0.1;localhost;[::1]',
    `--gaia-url=${refuse}`, `--google-apis-url=${refuse}`, `--lso-url=${refuse}`, `--component-updater=url-source=${refuse}`,
    '--disable-client-side-phishing-detection', '--disable-domain-reliability', '--disable-default-apps',
    '--no-default-browser-check',
  ];
}

export const CHROMIUM_PATH = '/usr/bin/chromium';
