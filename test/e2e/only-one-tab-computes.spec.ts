import { expect, test, type Page } from '@playwright/test';
import { createAdminApi } from '../support/admin-api.ts';
import { E2E_ADMIN_KEY } from '../support/e2e-constants.ts';
import { configure, openVolunteerTab, startContributing, taskCard } from '../support/volunteer-page.ts';

const roleOf = (page: Page) => page.getByTestId('agent-role').getAttribute('data-role');

test('with two tabs open only one computes, the other mirrors it and takes over when it closes', async ({ browser, request }) => {
  const admin = createAdminApi(request, E2E_ADMIN_KEY);
  const context = await browser.newContext();
  try {
    const first = await openVolunteerTab(context);
    const second = await openVolunteerTab(context);
    expect([await roleOf(first), await roleOf(second)].sort()).toEqual(['follower', 'leader']);
    const [leader, follower] = (await roleOf(first)) === 'leader' ? [first, second] : [second, first];

    // Commands from the follower tab reach the leader's agent.
    await configure(follower, { cpuLimitPct: 25, checkpointIntervalS: 1 });
    await startContributing(follower);
    const card = taskCard(leader);
    await expect(card).toBeVisible({ timeout: 15_000 });
    const name = (await card.getByRole('heading').textContent()) ?? '';
    const mirrored = taskCard(follower, name);
    await expect(mirrored).toBeVisible();

    // The server sees one host for this profile, computing one task (two agents would hold two).
    const hostId = Number(await leader.getByTestId('host-id').textContent());
    const host = (await admin.hosts()).find((h) => h.hostId === hostId);
    expect(host?.tasksInProgress).toBe(1);
    await expect(follower.getByTestId('host-id')).toHaveText(String(hostId));

    // The leader goes away mid-task: the follower takes over and resumes the task from its checkpoint.
    await expect(mirrored.getByTestId('task-checkpoint')).toHaveAttribute('data-step', /^[1-9][0-9]*$/);
    await leader.close();
    await expect(follower.getByTestId('agent-role')).toHaveAttribute('data-role', 'leader');
    await expect(taskCard(follower, name).getByTestId('task-resumed')).toBeVisible();
    await follower.getByRole('button', { name: 'Stop contributing' }).click();
  } finally {
    await context.close();
  }
});
