import { AppError } from '../../shared/errors.ts';

/**
 * Runs one IndexedDB write and turns a full disk into `AppError('quota_exceeded')`, so the agent can show it to the
 * volunteer (DESIGN: quota errors are surfaced, never swallowed). Other errors pass through unchanged.
 */
export async function writeOrQuota<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) {
      throw new AppError('quota_exceeded', `Storage is full: could not save ${what}. Free some disk space or allow this site more storage.`, { cause: error });
    }
    throw error;
  }
}

/** Chromium reports a full origin as a `QuotaExceededError` DOMException, on the request or the transaction. */
export function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'QuotaExceededError';
}
