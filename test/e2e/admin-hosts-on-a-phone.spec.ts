import { expect, test } from '@playwright/test';
import { E2E_ADMIN_KEY } from '../support/e2e-constants.ts';

test.use({ viewport: { width: 390, height: 844 } });

test('on a phone-width screen the admin page takes the key from the keyboard, keeps it for the session and lists the hosts', async ({ page }) => {
  await page.goto('/#/admin');
  await page.getByLabel('Admin key').fill('wrong-key-wrong-key-wrong');
  await page.getByLabel('Admin key').press('Enter');
  await expect(page.getByRole('alert')).toContainText('unauthorized');

  await page.getByRole('button', { name: 'Forget admin key' }).click();
  await page.getByLabel('Admin key').fill(E2E_ADMIN_KEY);
  await page.getByLabel('Admin key').press('Enter');
  const hosts = page.getByRole('table');
  // The earlier specs attached hosts that computed on onnxruntime's wasm backend.
  await expect(hosts.getByRole('row').nth(1)).toBeVisible();
  await expect(hosts).toContainText('ort-wasm');

  await page.reload();
  await expect(page.getByRole('table')).toBeVisible(); // the key survived the reload (sessionStorage)

  for (const hash of ['#/contribute', '#/credit', '#/admin']) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('link', { name: 'Contribute' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scroll on ${hash}`).toBe(true);
  }
});
