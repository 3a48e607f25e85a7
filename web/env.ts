/**
 * The page's configuration: the only reader of `import.meta.env` (STYLE §11). Everything has a default that works
 * when the server serves the PWA itself.
 */
function readApiOrigin(): string {
  const raw: unknown = import.meta.env.VITE_API_ORIGIN;
  /** Origin of the JSON API. @defaultValue the page's own origin (the server serves the PWA and the API together) */
  return typeof raw === 'string' && raw.length > 0 ? raw.replace(/\/$/, '') : location.origin;
}

export const env = {
  apiOrigin: readApiOrigin(),
  /** True in `vite dev`; the service worker is registered only in builds. */
  isDev: import.meta.env.DEV,
} as const;
