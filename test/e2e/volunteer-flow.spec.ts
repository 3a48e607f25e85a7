import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createAdminApi } from '../support/admin-api.ts';
import { E2E_ADMIN_KEY } from '../support/e2e-constants.ts';
import { configure, openVolunteerTab, shownStep, startContributing, taskCard, uploadedEvent } from '../support/volunteer-page.ts';

// One volunteer's story on a fresh server, step by step: each test continues where the previous one stopped.
test.describe.configure({ mode: 'serial' });

let contextA: BrowserContext;
let pageA: Page;
let taskName = '';

test.beforeAll(async ({ browser }) => { contextA = await browser.newContext(); });
test.afterAll(async () => { await contextA.close(); });

test('a fresh profile is cross-origin isolated, gets a workunit within seconds and shows its progress', async () => {
  pageA = await openVolunteerTab(contextA);
  expect(await pageA.evaluate(() => crossOriginIsolated)).toBe(true);
  // BOINC's CPU limit slows the task down and checkpoints come every second, so a reload can land mid-task.
  await configure(pageA, { cpuLimitPct: 10, checkpointIntervalS: 1 });
  await startContributing(pageA);
  const card = taskCard(pageA);
  await expect(card).toBeVisible({ timeout: 10_000 });
  taskName = (await card.getByRole('heading').textContent()) ?? '';
  expect(taskName).not.toBe('');
  await expect.poll(() => shownStep(taskCard(pageA, taskName))).toBeGreaterThan(0);
});

test('a reload mid-task resumes from its checkpoint instead of step 0, then finishes and uploads', async () => {
  const card = taskCard(pageA, taskName);
  const checkpoint = card.getByTestId('task-checkpoint');
  await expect(checkpoint).toHaveAttribute('data-step', /^[1-9][0-9]*$/);
  const savedStep = Number(await checkpoint.getAttribute('data-step'));
  const totalSteps = Number(await card.getByRole('progressbar').getAttribute('aria-valuemax'));
  expect(savedStep).toBeLessThan(totalSteps);

  await pageA.reload();
  const resumedCard = taskCard(pageA, taskName);
  const resumed = resumedCard.getByTestId('task-resumed');
  await expect(resumed).toBeVisible();
  const resumedStep = Number(await resumed.getAttribute('data-step'));
  expect(resumedStep).toBeGreaterThanOrEqual(savedStep);
  expect(await shownStep(resumedCard)).toBeGreaterThanOrEqual(resumedStep);

  await configure(pageA, { cpuLimitPct: 100 });
  await expect(uploadedEvent(pageA, taskName)).toBeVisible({ timeout: 60_000 });
  await pageA.getByRole('button', { name: 'Stop contributing' }).click();
});

test('the resumed result has the same digest as an uninterrupted run of the same workunit on another host', async ({ browser, request }) => {
  const admin = createAdminApi(request, E2E_ADMIN_KEY);
  const resumedResult = await admin.resultNamed(taskName);
  expect(resumedResult.outputDigest).not.toBeNull();

  // A second, fresh profile is a second host; with min_quorum 2 the server sends it the other replica.
  const contextB = await browser.newContext();
  try {
    const pageB = await openVolunteerTab(contextB);
    await startContributing(pageB);
    await expect.poll(async () => (await admin.results(resumedResult.workunitId)).filter((r) => r.outputDigest !== null).length,
      { timeout: 90_000 }).toBe(2);
    await pageB.getByRole('button', { name: 'Stop contributing' }).click();
    // B's run was never interrupted, so it never resumed from a checkpoint.
    await expect(pageB.getByRole('list', { name: 'Event log' }).getByText('Resumed')).toHaveCount(0);
  } finally {
    await contextB.close();
  }
  const replicas = await admin.results(resumedResult.workunitId);
  expect(replicas).toHaveLength(2);
  expect(new Set(replicas.map((r) => r.hostId)).size).toBe(2);
  expect(replicas.map((r) => r.backend)).toEqual(['ort-wasm', 'ort-wasm']);
  expect(replicas[0]!.outputDigest).toBe(replicas[1]!.outputDigest);
});

test('the Credit page shows the credit granted once the quorum validated the result', async () => {
  await pageA.getByRole('link', { name: 'Credit' }).click();
  const row = pageA.getByRole('row', { name: new RegExp(taskName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await expect(async () => {
    await pageA.getByRole('button', { name: 'Refresh' }).click();
    await expect(row.getByRole('cell', { name: 'valid', exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const granted = Number(await pageA.getByTestId('credit-total').getAttribute('data-value'));
  expect(granted).toBeGreaterThan(0);
});
