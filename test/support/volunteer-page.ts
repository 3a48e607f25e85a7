import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** Opens the PWA in a new tab of `context` and waits until the agent has told the tab its role. */
export async function openVolunteerTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('agent-role')).toHaveAttribute('data-role', /^(leader|follower)$/);
  return page;
}

/** Sets the volunteer settings through the form, as a volunteer would. */
export async function configure(page: Page, settings: { cpuLimitPct?: number; checkpointIntervalS?: number; cores?: number }): Promise<void> {
  if (settings.cores !== undefined) await page.getByLabel('Cores to use').selectOption(String(settings.cores));
  if (settings.cpuLimitPct !== undefined) await page.getByLabel('CPU limit per core').selectOption(String(settings.cpuLimitPct));
  if (settings.checkpointIntervalS !== undefined) await page.getByLabel('Checkpoint every (seconds)').fill(String(settings.checkpointIntervalS));
  if (settings.cpuLimitPct !== undefined) await expect(page.getByLabel('CPU limit per core')).toHaveValue(String(settings.cpuLimitPct));
}

export async function startContributing(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start contributing' }).click();
  await expect(page.getByRole('button', { name: 'Stop contributing' })).toBeVisible();
}

/** The card of the task called `name` (or of the only/first task). */
export function taskCard(page: Page, name?: string): Locator {
  return name === undefined ? page.getByRole('article').first() : page.getByRole('article', { name, exact: true });
}

/** The step shown on a task's progress bar. */
export async function shownStep(card: Locator): Promise<number> {
  return Number(await card.getByRole('progressbar').getAttribute('aria-valuenow'));
}

/** The event log's entry saying that `name` was uploaded. */
export function uploadedEvent(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Event log' }).getByText(`Uploaded ${name} `);
}
