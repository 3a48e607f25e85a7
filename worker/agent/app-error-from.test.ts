import { expect, test } from 'vitest';
import { appErrorFrom, isRetryable } from './app-error-from.ts';

test("keeps the server's error code and message", async () => {
  const res = new Response(JSON.stringify({ error: { code: 'conflict', message: 'lease belongs to another host' } }), { status: 409 });
  const error = await appErrorFrom(res);
  expect(error.code).toBe('conflict');
  expect(error.message).toBe('lease belongs to another host');
  expect(isRetryable(error.code)).toBe(false);
});

test('falls back to the status when the body is not an ErrorBody', async () => {
  const error = await appErrorFrom(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
  expect(error.code).toBe('unavailable');
  expect(isRetryable(error.code)).toBe(true);
  expect((await appErrorFrom(new Response('', { status: 422 }))).code).toBe('invalid_result');
});
