import { expect, test } from '@playwright/test';
import { createAdminApi } from '../support/admin-api.ts';
import { E2E_ADMIN_KEY } from '../support/e2e-constants.ts';
import { openVolunteerTab, startContributing, uploadedEvent } from '../support/volunteer-page.ts';

test('a result whose upload fails stays in the outbox across a reload and is uploaded when the server is back', async ({ browser, request }) => {
  const admin = createAdminApi(request, E2E_ADMIN_KEY);
  // Requests a service worker forwards bypass Playwright's routing, so this spec runs without one.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    // The upload route is unreachable (connection refused) until the "server" comes back; the rest of the API works.
    let isUploadDown = true;
    await context.route(/\/api\/v1\/results\/[0-9]+$/, (route) => (isUploadDown ? route.abort('connectionrefused') : route.continue()));
    const page = await openVolunteerTab(context);
    await startContributing(page);

    const outbox = page.getByRole('list', { name: 'Outbox' });
    await expect(outbox.getByText(/failed attempt/).first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('unavailable: Server unreachable').first()).toBeVisible();
    const name = (await outbox.getByRole('listitem').first().locator('strong').textContent()) ?? '';
    await page.getByRole('button', { name: 'Stop contributing' }).click();
    await expect(page.getByRole('button', { name: 'Start contributing' })).toBeVisible(); // stored before the reload

    await page.reload();
    await expect(page.getByRole('list', { name: 'Outbox' }).getByText(name)).toBeVisible();

    isUploadDown = false;
    await page.getByRole('button', { name: 'Retry uploads now' }).click();
    await expect(uploadedEvent(page, name)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Outbox' }).getByText(name)).toHaveCount(0);
    expect((await admin.resultNamed(name)).outputDigest).not.toBeNull();
  } finally {
    await context.close();
  }
});
