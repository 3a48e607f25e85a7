import { z } from 'zod';

/** Version of the JSON API; every message carries it as `v`, so an old client gets `upgrade_required`, not a 500. */
export const PROTOCOL_VERSION = 1;
export const ProtocolVersion = z.literal(PROTOCOL_VERSION);

/** Largest JSON body any route accepts (a result envelope of E1 is ~60 kB). */
export const MAX_BODY_BYTES = 1_048_576;
