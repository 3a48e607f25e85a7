import { expect, test } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { writeOrQuota } from './quota.ts';

test('a full disk becomes AppError quota_exceeded naming what could not be saved, with the original as cause', async () => {
  const full = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  const error: unknown = await writeOrQuota('the checkpoint at step 64', () => Promise.reject(full)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'quota_exceeded', cause: full });
  expect((error as AppError).message).toContain('the checkpoint at step 64'); // as: checked by toBeInstanceOf above
});

test('other failures pass through unchanged', async () => {
  const other = new DOMException('gone', 'InvalidStateError');
  await expect(writeOrQuota('x', () => Promise.reject(other))).rejects.toBe(other);
  await expect(writeOrQuota('x', () => Promise.resolve(3))).resolves.toBe(3);
});
