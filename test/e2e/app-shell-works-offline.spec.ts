import { expect, test } from '@playwright/test';

test('once the service worker is installed the app shell loads offline and stays cross-origin isolated', async ({ context, page }) => {
  await page.goto('/');
  // The service worker precaches the shell (and ORT's wasm); the page is controlled from its next load.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Axiom Web' })).toBeVisible();
    await expect(page.getByTestId('agent-role')).toHaveAttribute('data-role', 'leader');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  } finally {
    await context.setOffline(false);
  }
});
