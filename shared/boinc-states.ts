/** BOINC's numeric states (`db/boinc_db_types.h`), kept with BOINC's numbers so both worlds read the same rows. */
export const ServerState = { INACTIVE: 1, UNSENT: 2, IN_PROGRESS: 4, OVER: 5 } as const;
export type ServerState = (typeof ServerState)[keyof typeof ServerState];

/** `RESULT.outcome`, meaningful when `server_state` is OVER. */
export const Outcome = {
  INIT: 0, SUCCESS: 1, COULDNT_SEND: 2, CLIENT_ERROR: 3, NO_REPLY: 4, DIDNT_NEED: 5, VALIDATE_ERROR: 6, CLIENT_DETACHED: 7,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** `RESULT.validate_state`. */
export const ValidateState = { INIT: 0, VALID: 1, INVALID: 2, NO_CHECK: 3, INCONCLUSIVE: 4, TOO_LATE: 5 } as const;
export type ValidateState = (typeof ValidateState)[keyof typeof ValidateState];

/** `WORKUNIT.error_mask` bits. */
export const WuErrorMask = {
  COULDNT_SEND_RESULT: 1, TOO_MANY_ERROR_RESULTS: 2, TOO_MANY_SUCCESS_RESULTS: 4, TOO_MANY_TOTAL_RESULTS: 8,
  CANCELLED: 16, NO_CANONICAL_RESULT: 32,
} as const;

/** `WORKUNIT.assimilate_state`. */
export const AssimilateState = { INIT: 0, READY: 1, DONE: 2 } as const;

/** 1 credit (cobblestone) = 1/200 day of a 1 GFLOPS machine = 4.32e11 FLOPs (`lib/common_defs.h`). */
export const FLOPS_PER_CREDIT = 4.32e11;
