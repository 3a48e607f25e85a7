/** First retry after this long; each failure doubles it. */
export const RETRY_BASE_MS = 2_000;
/** Never wait longer than this between attempts (a volunteer coming back online should not wait an hour). */
export const RETRY_MAX_MS = 5 * 60_000;

/**
 * Exponential backoff with jitter for the `attempts`-th failed attempt (1-based): `base · 2^(attempts−1)`, capped,
 * scaled by `1 − jitter/2 … 1`, so hosts that failed together do not all come back at the same instant.
 * `jitter01` is a number in [0, 1) (Math.random in production, fixed in tests).
 */
export function retryDelayMs(attempts: number, jitter01: number): number {
  const exponent = Math.max(0, attempts - 1);
  const raw = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(exponent, 30));
  return Math.round(raw * (1 - jitter01 / 2));
}
