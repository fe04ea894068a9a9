// The window's role picker at scale, in Debian's Chromium: first rows and keystroke-to-paint with
// 50,000 roles, beside the same page with 1,000 roles and a bare input page in the same run (the baselines).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test-support/chromium';
import { installFakeRoleTray } from '../../test-support/web/fake-roletray';
import { serveBuiltRenderer, serveThroughRendererProtocol } from '../../test-support/web/protocol-served-renderer';
import { CLOCK_MARK, formatKeystrokeProfile, profileKeystrokes, TRACE_CATEGORIES, type KeystrokeProfile, type TimedKeystroke } from './keystroke-trace';

/** What people type: account names, ids, role names, and fragments of several. Each is typed, then erased key by key. */
const QUERIES = ['payments-prod', 'readonly', 'ledger stag', '1000079', 'sec aud', 'data-lake-dev-3 admin', 'pwr', 'growth 12 dev'];
/** A fast typist: about 200 words a minute. */
const KEY_DELAY_MS = 60;

export interface KeystrokeFigures {
  /** Keystroke to the list painted for it, every keystroke of every round. */
  keystrokeMs: number[];
  /** The p95 of each round's keystrokes. */
  roundP95Ms: number[];
}

export interface PickerFigures extends KeystrokeFigures {
  roles: number;
  /** Navigation start to the first rows painted, one per load. */
  firstRowsMs: number[];
  /** The part of that after the stand-in answered listRoles: what the window itself spends on the rows. */
  servedToRowsMs: number[];
}

/** How many of a traced round's slowest keystrokes the bench names: about the 5% above its p95. */
const SLOWEST = 8;

/** One more round at the largest size, traced (so slower than the counted ones, and not counted): where its slower half of keystrokes spent their time. */
export interface TracedRound {
  roles: number;
  /** The traced round's p95 and median, to set its profile beside the counted rounds. */
  p95Ms: number;
  medianMs: number;
  /** Its slowest keystrokes, with the query each showed. */
  slowest: Keystroke[];
  /** The keystrokes above its median. */
  profile: KeystrokeProfile;
}

export interface WindowFigures {
  /** The same keystrokes in a bare page whose input writes its value into one element: Chromium's own floor here. */
  floor: KeystrokeFigures;
  sizes: PickerFigures[];
  traced?: TracedRound;
}

/** One keystroke: from its keydown (`at`, the page's performance.now()) for `ms`, to the list painted for `query`. */
interface Keystroke extends TimedKeystroke {
  query: string;
}

interface Timers {
  __firstRows?: number;
  __rolesServedAt?: number;
  __keys: Keystroke[];
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
  w.__keys = [];
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
      for (const p of done) w.__keys.push({ at: p.at, ms: now - p.at, query: p.value });
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

/** The bare page of the floor: an input whose value goes into the list element the timers watch. */
const BARE_PAGE = `<!doctype html><input id="role-search" autofocus><div id="role-list" data-query=""></div>
<script>const list = document.getElementById('role-list');
document.getElementById('role-search').addEventListener('input', (e) => { list.textContent = e.target.value; list.dataset.query = e.target.value; });</script>`;

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  // tsx keeps function names by wrapping functions in __name(), which the page does not have.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await context.addInitScript(installTimers);
  return context;
}

/** Types each query and erases it key by key; answers each keystroke with its time to the list painted for it. */
async function typeQueries(page: Page): Promise<Keystroke[]> {
  await page.evaluate(() => ((window as unknown as Timers).__keys = []));
  for (const query of QUERIES) {
    await page.keyboard.type(query, { delay: KEY_DELAY_MS });
    for (let i = 0; i < query.length; i++) await page.keyboard.press('Backspace', { delay: KEY_DELAY_MS });
  }
  await page.waitForFunction((n) => (window as unknown as Timers).__keys.length === n, QUERIES.join('').length * 2);
  return page.evaluate(() => (window as unknown as Timers).__keys);
}

const msOf = (keystrokes: readonly Keystroke[]) => keystrokes.map((k) => k.ms);

async function floorRound(browser: Browser, origin: string): Promise<number[]> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.route(`${origin}/bare.html`, (route) => route.fulfill({ contentType: 'text/html', body: BARE_PAGE }));
    await page.goto(`${origin}/bare.html`);
    await page.locator('#role-search').focus();
    return msOf(await typeQueries(page));
  } finally {
    await context.close();
  }
}

/**
 * One round at one size, in a fresh browser context and one tab: a first load (not counted: it
 * pays for the context's start-up), `loads` counted loads, each from about:blank so the page
 * before is gone first, then the queries typed and erased.
 */
async function round(browser: Browser, origin: string, roles: number, loads: number): Promise<{ firstRowsMs: number[]; servedToRowsMs: number[]; keystrokeMs: number[] }> {
  const context = await newContext(browser);
  await context.addInitScript(installFakeRoleTray, { roleCount: roles, now: Date.now() });
  try {
    const page = await context.newPage();
    const load = async () => {
      await page.goto('about:blank');
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => (window as unknown as Timers).__firstRows !== undefined);
      return page.evaluate(() => {
        const w = window as unknown as Timers;
        return { firstRows: w.__firstRows!, served: w.__rolesServedAt! };
      });
    };
    await load();
    const firstRowsMs: number[] = [];
    const servedToRowsMs: number[] = [];
    for (let i = 0; i < loads; i++) {
      const { firstRows, served } = await load();
      firstRowsMs.push(firstRows);
      servedToRowsMs.push(firstRows - served);
    }
    await untilRolesShown(page, roles);
    return { firstRowsMs, servedToRowsMs, keystrokeMs: msOf(await typeQueries(page)) };
  } finally {
    await context.close();
  }
}

async function untilRolesShown(page: Page, roles: number): Promise<void> {
  await page.getByRole('combobox', { name: 'Search roles' }).waitFor();
  await page.getByText(`${roles.toLocaleString('en-US')} roles`, { exact: true }).waitFor();
}

/**
 * The renderer built again, the same way, into a temporary folder with source maps beside its
 * chunks (not referenced from them, so the chunks are the ones measured), so the traced round's
 * profile names the sources' functions instead of the minified ones.
 */
async function buildWithSourceMaps(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'roletray-window-bench-'));
  await build({ configFile: join(import.meta.dirname, '../../renderer/vite.config.ts'), logLevel: 'warn', build: { outDir: dir, emptyOutDir: true, sourcemap: 'hidden' } });
  return dir;
}

/** The queries typed once more at `roles`, under a Chromium trace: the profile of the keystrokes above that round's median. */
async function tracedRound(browser: Browser, roles: number): Promise<TracedRound> {
  const builtDir = await buildWithSourceMaps();
  const site = await serveThroughRendererProtocol(builtDir);
  const context = await newContext(browser);
  await context.addInitScript(installFakeRoleTray, { roleCount: roles, now: Date.now() });
  try {
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    await untilRolesShown(page, roles);
    // A failure leaves the trace running: closing the browser ends it.
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.evaluate((name) => performance.mark(name), CLOCK_MARK);
    const keystrokes = await typeQueries(page);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const ms = msOf(keystrokes);
    const slower = keystrokes.filter((k) => k.ms > median(ms));
    return {
      roles,
      p95Ms: p95(ms),
      medianMs: median(ms),
      slowest: [...keystrokes].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST),
      profile: profileKeystrokes(trace, slower, site.origin, builtDir),
    };
  } finally {
    await context.close();
    await site.close();
    rmSync(builtDir, { recursive: true, force: true });
  }
}

/**
 * `rounds` rounds, each measuring the floor and every size in turn, so other work on the machine
 * falls on all of them alike; then, unless `traced` is false, one traced round at the largest size.
 */
export async function measureWindow(options: { sizes?: number[]; rounds?: number; loads?: number; traced?: boolean } = {}): Promise<WindowFigures> {
  const sizes = options.sizes ?? [1_000, 50_000];
  const site = await serveBuiltRenderer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const floor: KeystrokeFigures = { keystrokeMs: [], roundP95Ms: [] };
    const figures = sizes.map((roles): PickerFigures => ({ roles, firstRowsMs: [], servedToRowsMs: [], keystrokeMs: [], roundP95Ms: [] }));
    for (let r = 0; r < (options.rounds ?? 3); r++) {
      const bare = await floorRound(browser, site.origin);
      floor.keystrokeMs.push(...bare);
      floor.roundP95Ms.push(p95(bare));
      for (const f of figures) {
        const measured = await round(browser, site.origin, f.roles, options.loads ?? 3);
        f.firstRowsMs.push(...measured.firstRowsMs);
        f.servedToRowsMs.push(...measured.servedToRowsMs);
        f.keystrokeMs.push(...measured.keystrokeMs);
        f.roundP95Ms.push(p95(measured.keystrokeMs));
      }
    }
    const traced = options.traced === false ? undefined : await tracedRound(browser, sizes.at(-1)!);
    return { floor, sizes: figures, traced };
  } finally {
    await browser.close();
    await site.close();
  }
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const count = (n: number) => n.toLocaleString('en-US');
const keys = (f: KeystrokeFigures) =>
  `keystroke→paint p95 ${ms(median(f.roundP95Ms))} (median of the rounds' p95: ${f.roundP95Ms.map((v) => v.toFixed(1)).join(', ')}), median ${ms(median(f.keystrokeMs))}, max ${ms(Math.max(...f.keystrokeMs))} over ${f.keystrokeMs.length} keystrokes`;

/** The lines `npm run bench` prints: the floor, each size, and the largest against the smallest and the floor. */
export function formatWindowFigures({ floor, sizes, traced }: WindowFigures): string[] {
  const base = sizes[0]!;
  const big = sizes.at(-1)!;
  return [
    `${'bare input'.padStart(13)}: ${keys(floor)}`,
    ...sizes.map(
      (f) =>
        `${`${count(f.roles)} roles`.padStart(13)}: first rows ${median(f.firstRowsMs).toFixed(0)} ms after navigation (median of ${f.firstRowsMs.length} loads; ` +
        `${median(f.servedToRowsMs).toFixed(0)} ms of it after the roles were served); ${keys(f)}`,
    ),
    `${count(big.roles)} vs ${count(base.roles)} roles: first rows ${(median(big.firstRowsMs) / median(base.firstRowsMs)).toFixed(2)}x, keystroke p95 ${(median(big.roundP95Ms) / median(base.roundP95Ms)).toFixed(2)}x; ` +
      `vs the bare input: keystroke p95 ${(median(big.roundP95Ms) / median(floor.roundP95Ms)).toFixed(2)}x (targets at ${count(big.roles)}: p95 < 16 ms, first rows < 300 ms)`,
    ...(traced ? formatTraced(traced) : []),
  ];
}

function formatTraced(t: TracedRound): string[] {
  return [
    `${count(t.roles)} roles, one more round traced (slower for it): p95 ${ms(t.p95Ms)}, median ${ms(t.medianMs)}; slowest: ${t.slowest.map((k) => `"${k.query}" ${ms(k.ms)}`).join(', ')}`,
    `  where the ${t.profile.keystrokes} keystrokes above its median went, on the page's main thread, per keystroke:`,
    ...formatKeystrokeProfile(t.profile, '  '),
  ];
}
