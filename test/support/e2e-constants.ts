/** Port of the app server in e2e (it serves the built PWA and the API on one origin, with COOP/COEP). */
export const E2E_PORT = 4310;
/** Fixed admin key of the e2e server, so specs can read `GET /api/v1/admin/*`. */
export const E2E_ADMIN_KEY = 'e2e-admin-key-0123456789abcdef';
