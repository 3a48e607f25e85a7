import { z } from 'zod';

/** Ids are branded so the compiler refuses to mix them. Database ids are positive integers, as in BOINC. */
export const HostId = z.number().int().positive().brand<'HostId'>();
export type HostId = z.infer<typeof HostId>;
export const UserId = z.number().int().positive().brand<'UserId'>();
export type UserId = z.infer<typeof UserId>;
export const WorkunitId = z.number().int().positive().brand<'WorkunitId'>();
export type WorkunitId = z.infer<typeof WorkunitId>;
export const ResultId = z.number().int().positive().brand<'ResultId'>();
export type ResultId = z.infer<typeof ResultId>;
/** A host's secret: 32 lowercase hex characters, sent as a bearer key. */
export const Authenticator = z.string().regex(/^[0-9a-f]{32}$/, 'expected 32 lowercase hex characters').brand<'Authenticator'>();
export type Authenticator = z.infer<typeof Authenticator>;
