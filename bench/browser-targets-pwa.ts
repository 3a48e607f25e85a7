/**
 * Targets 1 and 3 of `npm run bench -- browser`, measured on the real PWA served by the real server: the time from
 * navigation start to the first task step on a cold profile, and main-thread long tasks at startup and while computing.
 * An init script (added before navigation) records in the page: long tasks (PerformanceObserver `longtask`) and the
 * moments the UI changes (agent role shown, start clicked, first task card, first step > 0), all in ms since the
 * navigation start (`performance.now()`). Requests, including the agent Worker's, come from Playwright's network events.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';

/** Runs in the page before any of its scripts: everything it records is in `window.__bt`, ms since navigation start. */
const INIT_SCRIPT = `(() => {
  const bt = { longtasks: [], marks: {}, progressUpdates: [] };
  window.__bt = bt;
  const mark = (key) => { if (!(key in bt.marks)) bt.marks[key] = performance.now(); };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bt.longtasks.push({ startMs: e.startTime, durationMs: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const scan = () => {
    if (document.querySelector('[data-testid="agent-role"][data-role="leader"]')) mark('role');
    if (document.querySelector('article')) mark('card');
    for (const bar of document.querySelectorAll('[role="progressbar"]')) {
      if (Number(bar.getAttribute('aria-valuenow')) > 0) mark('step');
    }
  };
  new MutationObserver((records) => {
    for (const r of records) if (r.attributeName === 'aria-valuenow') bt.progressUpdates.push(performance.now());
    scan();
  }).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('button')?.textContent?.includes('Start contributing')) mark('click');
  }, true);
})();`;

interface PageRecord {
  readonly longtasks: { startMs: number; durationMs: number }[];
  readonly marks: Partial<Record<'role' | 'card' | 'step' | 'click', number>>;
  readonly timeOriginMs: number;
  readonly domContentLoadedMs: number;
  readonly loadMs: number;
}

declare global {
  interface Window {
    __bt?: { longtasks: PageRecord['longtasks']; marks: PageRecord['marks']; progressUpdates: number[] };
  }
}

/** One cold start: ms since navigation start of each phase's end (null: not seen). */
export interface ColdStart {
  readonly domContentLoadedMs: number;
  readonly loadMs: number;
  readonly agentReadyMs: number | null;
  readonly clickMs: number | null;
  readonly attachMs: number | null;
  readonly workMs: number | null;
  readonly wasmFetchedMs: number | null;
  readonly cardMs: number | null;
  readonly firstStepMs: number;
  readonly longtasks: { startMs: number; durationMs: number }[];
}

async function readRecord(page: Page): Promise<PageRecord> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const bt = window.__bt ?? { longtasks: [], marks: {} };
    return {
      longtasks: bt.longtasks, marks: bt.marks, timeOriginMs: performance.timeOrigin,
      // PerformanceNavigationTiming has these; the cast-free check keeps the page code plain.
      domContentLoadedMs: nav !== undefined && 'domContentLoadedEventEnd' in nav ? Number(nav.domContentLoadedEventEnd) : -1,
      loadMs: nav !== undefined && 'loadEventEnd' in nav ? Number(nav.loadEventEnd) : -1,
    };
  });
}

/** Records when each request finished (epoch ms), page and Worker requests alike. */
function watchRequests(context: BrowserContext): { firstEnd(match: (r: Request) => boolean): number | null } {
  const finished: { request: Request; endMs: number }[] = [];
  context.on('requestfinished', (request) => {
    const t = request.timing();
    finished.push({ request, endMs: t.startTime + t.responseEnd });
  });
  return {
    firstEnd: (match) => {
      const ends = finished.filter((f) => match(f.request)).map((f) => f.endMs);
      return ends.length === 0 ? null : Math.min(...ends);
    },
  };
}

const isPost = (path: string) => (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === path;

/** Opens the PWA in a fresh context (a new profile: empty cache, storage, no service worker) and clicks start. */
async function openAndStart(browser: Browser, origin: string, serviceWorkers: 'allow' | 'block' = 'allow') {
  const context = await browser.newContext({ serviceWorkers });
  const requests = watchRequests(context);
  const page = await context.newPage();
  await page.addInitScript(INIT_SCRIPT);
  await page.goto(origin, { waitUntil: 'commit' });
  // As a volunteer does: the click lands as soon as the button can take it.
  await page.getByRole('button', { name: 'Start contributing' }).click({ timeout: 30_000 });
  await page.waitForFunction(() => window.__bt?.marks.step !== undefined, undefined, { timeout: 60_000, polling: 50 });
  return { context, page, requests };
}

/**
 * Target 1: one cold start, from navigation start to the first task step > 0. `serviceWorkers: 'block'` (diagnosis
 * only) keeps the PWA's service worker from installing, i.e. from precaching the app while the first task starts.
 */
export async function measureColdStart(browser: Browser, origin: string, serviceWorkers: 'allow' | 'block' = 'allow'): Promise<ColdStart> {
  const { context, page, requests } = await openAndStart(browser, origin, serviceWorkers);
  try {
    const record = await readRecord(page);
    const rel = (epochMs: number | null) => (epochMs === null ? null : epochMs - record.timeOriginMs);
    const firstStepMs = record.marks.step;
    if (firstStepMs === undefined) throw new Error('no step > 0 was recorded');
    return {
      domContentLoadedMs: record.domContentLoadedMs, loadMs: record.loadMs, agentReadyMs: record.marks.role ?? null,
      clickMs: record.marks.click ?? null,
      attachMs: rel(requests.firstEnd(isPost('/api/v1/hosts'))), workMs: rel(requests.firstEnd(isPost('/api/v1/work'))),
      wasmFetchedMs: rel(requests.firstEnd((r) => new URL(r.url()).pathname.endsWith('.wasm'))),
      cardMs: record.marks.card ?? null, firstStepMs, longtasks: record.longtasks,
    };
  } finally {
    await context.close();
  }
}

/** Target 3: long tasks on the main thread, split at the first step > 0 (startup before, computing after). */
export interface LongTaskRun {
  readonly computeWindowMs: number;
  readonly startup: { startMs: number; durationMs: number }[];
  readonly computing: { startMs: number; durationMs: number }[];
  /** Progress-bar updates seen after the first step (proves the tab computed through the window). */
  readonly progressUpdates: number;
}

export async function measureLongTasks(browser: Browser, origin: string, computeWindowMs: number): Promise<LongTaskRun> {
  const { context, page } = await openAndStart(browser, origin);
  try {
    await page.waitForTimeout(computeWindowMs);
    const record = await readRecord(page);
    const split = record.marks.step ?? 0;
    const progressUpdates = await page.evaluate((from) => (window.__bt?.progressUpdates ?? []).filter((t) => t >= from).length, split);
    return {
      computeWindowMs, progressUpdates,
      startup: record.longtasks.filter((t) => t.startMs < split),
      computing: record.longtasks.filter((t) => t.startMs >= split),
    };
  } finally {
    await context.close();
  }
}
