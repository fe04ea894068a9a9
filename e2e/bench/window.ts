// The window's role picker at scale, in Debian's Chromium: first rows and keystroke-to-paint with
// 50,000 roles, beside the same page with 1,000 roles in the same run (the baseline).
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test-support/chromium';
import { installFakeRoleTray } from '../../test-support/web/fake-roletray';
import { serveBuiltRenderer } from '../../test-support/web/protocol-served-renderer';

/** What people type: account names, ids, role names, and fragments of several. Each is typed, then erased key by key. */
const QUERIES = ['payments-prod', 'readonly', 'ledger stag', '1000079', 'sec aud', 'data-lake-dev-3 admin', 'pwr', 'growth 12 dev'];
/** A fast typist: about 200 words a minute. */
const KEY_DELAY_MS = 60;

export interface PickerFigures {
  roles: number;
  /** Navigation start to the first rows painted, one per load. */
  firstRowsMs: number[];
  /** Keystroke to the list painted for it, every keystroke of every round. */
  keystrokeMs: number[];
  /** The p95 of each round's keystrokes. */
  roundP95Ms: number[];
}

interface Timers {
  __firstRows?: number;
  __samples: number[];
  __pending: { at: number; value: string }[];
}

/**
 * In the page, before its scripts: a keystroke counts from its keydown to the first animation
 * frame after the list shows its query (the list's data-query; a skipped intermediate query
 * resolves with the later one that replaced it), and the first rows from navigation start
 * (performance.now()'s origin) to the frame after the first row is in the document.
 */
function installTimers(): void {
  const w = window as unknown as Timers;
  w.__samples = [];
  w.__pending = [];
  let keyAt = 0;
  document.addEventListener('keydown', () => (keyAt = performance.now()), true);
  document.addEventListener('input', (e) => w.__pending.push({ at: keyAt, value: (e.target as HTMLInputElement).value }), true);
  const watch = new MutationObserver(() => {
    if (w.__firstRows === undefined && document.querySelector('.role-row')) requestAnimationFrame(() => (w.__firstRows ??= performance.now()));
    const shown = document.getElementById('role-list')?.dataset.query;
    let last = -1;
    w.__pending.forEach((p, i) => p.value === shown && (last = i));
    if (last < 0) return;
    const done = w.__pending.splice(0, last + 1);
    requestAnimationFrame(() => {
      const now = performance.now();
      for (const p of done) w.__samples.push(now - p.at);
    });
  });
  document.addEventListener('DOMContentLoaded', () => watch.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] }));
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;
}

export const median = (values: readonly number[]) => percentile(values, 0.5);
export const p95 = (values: readonly number[]) => percentile(values, 0.95);

/**
 * One round at one size, in a fresh browser context: a first load (not counted: it pays for the
 * context's own start-up), `loads` counted loads, each in a new page as a window opens, then the
 * queries typed and erased in the last one.
 */
async function round(browser: Browser, origin: string, roles: number, loads: number): Promise<{ firstRowsMs: number[]; keystrokeMs: number[] }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  // tsx keeps function names by wrapping functions in __name(), which the page does not have.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await context.addInitScript(installFakeRoleTray, { roleCount: roles, now: Date.now() });
  await context.addInitScript(installTimers);
  try {
    const open = async (): Promise<{ page: Page; firstRowsMs: number }> => {
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => (window as unknown as Timers).__firstRows !== undefined);
      return { page, firstRowsMs: await page.evaluate(() => (window as unknown as Timers).__firstRows!) };
    };
    let { page } = await open();
    const firstRowsMs: number[] = [];
    for (let i = 0; i < loads; i++) {
      await page.close();
      const opened = await open();
      page = opened.page;
      firstRowsMs.push(opened.firstRowsMs);
    }
    const search = page.getByRole('combobox', { name: 'Search roles' });
    await search.waitFor();
    await page.getByText(`${roles.toLocaleString('en-US')} roles`, { exact: true }).waitFor();
    await page.evaluate(() => ((window as unknown as Timers).__samples = []));
    for (const query of QUERIES) {
      await page.keyboard.type(query, { delay: KEY_DELAY_MS });
      for (let i = 0; i < query.length; i++) await page.keyboard.press('Backspace', { delay: KEY_DELAY_MS });
    }
    const typed = QUERIES.join('').length * 2;
    await page.waitForFunction((n) => (window as unknown as Timers).__samples.length === n, typed);
    return { firstRowsMs, keystrokeMs: await page.evaluate(() => (window as unknown as Timers).__samples) };
  } finally {
    await context.close();
  }
}

/** `rounds` rounds, each measuring every size in turn, so other work on the machine falls on all of them alike. */
export async function measureWindow(options: { sizes?: number[]; rounds?: number; loads?: number } = {}): Promise<PickerFigures[]> {
  const sizes = options.sizes ?? [1_000, 50_000];
  const site = await serveBuiltRenderer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const figures = sizes.map((roles): PickerFigures => ({ roles, firstRowsMs: [], keystrokeMs: [], roundP95Ms: [] }));
    for (let r = 0; r < (options.rounds ?? 3); r++) {
      for (const f of figures) {
        const { firstRowsMs, keystrokeMs } = await round(browser, site.origin, f.roles, options.loads ?? 3);
        f.firstRowsMs.push(...firstRowsMs);
        f.keystrokeMs.push(...keystrokeMs);
        f.roundP95Ms.push(p95(keystrokeMs));
      }
    }
    return figures;
  } finally {
    await browser.close();
    await site.close();
  }
}

/** The lines `npm run bench` prints: each size's figures, and the largest against the smallest. */
export function formatWindowFigures(figures: readonly PickerFigures[]): string[] {
  const base = figures[0]!;
  const big = figures.at(-1)!;
  const lines = figures.map(
    (f) =>
      `${f.roles.toLocaleString('en-US').padStart(7)} roles: first rows ${median(f.firstRowsMs).toFixed(0)} ms (median of ${f.firstRowsMs.length} loads); ` +
      `keystroke→paint p95 ${median(f.roundP95Ms).toFixed(1)} ms (median of ${f.roundP95Ms.length} rounds' p95: ${f.roundP95Ms.map((v) => v.toFixed(1)).join(', ')}), ` +
      `median ${median(f.keystrokeMs).toFixed(1)} ms, max ${Math.max(...f.keystrokeMs).toFixed(1)} ms over ${f.keystrokeMs.length} keystrokes`,
  );
  lines.push(
    `${big.roles.toLocaleString('en-US')} vs ${base.roles.toLocaleString('en-US')} roles: first rows ${(median(big.firstRowsMs) / median(base.firstRowsMs)).toFixed(2)}x, ` +
      `keystroke p95 ${(median(big.roundP95Ms) / median(base.roundP95Ms)).toFixed(2)}x (targets at ${big.roles.toLocaleString('en-US')}: p95 < 16 ms, first rows < 300 ms)`,
  );
  return lines;
}
