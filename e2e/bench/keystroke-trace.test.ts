import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test-support/chromium';
import { serveThroughRendererProtocol, type ProtocolServedRenderer } from '../../test-support/web/protocol-served-renderer';
import { CLOCK_MARK, formatKeystrokeProfile, PHASES, profileKeystrokes, TRACE_CATEGORIES, type KeystrokeProfile } from './keystroke-trace';

/** A page whose every keystroke spends SPIN_MS in one named function, built minified with its source map beside it, as the renderer is. */
const SPIN_MS = 20;
const PAGE_SCRIPT = `
const timed = (window as unknown as { keys: { at: number; ms: number }[] }).keys = [];
let at = 0;
addEventListener('keydown', () => (at = performance.now()), true);
function spinFor(ms: number): number {
  const end = performance.now() + ms;
  let turns = 0;
  while (performance.now() < end) turns++;
  return turns;
}
document.getElementById('box')!.addEventListener('input', () => {
  const start = at;
  spinFor(${SPIN_MS});
  requestAnimationFrame(() => timed.push({ at: start, ms: performance.now() - start }));
});
`;
const TYPED = 'abcdef';

let dir: string;
let site: ProtocolServedRenderer;
let profile: KeystrokeProfile;
let typed: { at: number; ms: number }[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keystroke-trace-'));
  writeFileSync(join(dir, 'busy.ts'), PAGE_SCRIPT);
  // Served through the app's own protocol handler, which serves no page without a policy.
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'"><input id="box" autofocus><script src="busy.js"></script>`);
  await build({ entryPoints: [join(dir, 'busy.ts')], outfile: join(dir, 'busy.js'), bundle: true, minify: true, sourcemap: 'external', logLevel: 'warning' });
  site = await serveThroughRendererProtocol(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/index.html`);
    await page.locator('#box').focus();
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.evaluate((name) => performance.mark(name), CLOCK_MARK);
    await page.keyboard.type(TYPED, { delay: 50 });
    await page.waitForFunction((n) => (window as unknown as { keys: unknown[] }).keys.length === n, TYPED.length);
    typed = await page.evaluate(() => (window as unknown as { keys: { at: number; ms: number }[] }).keys);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    profile = profileKeystrokes(trace, typed, site.origin, dir);
  } finally {
    await browser.close();
  }
});

afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('where keystrokes spent their time, from a Chromium trace', () => {
  it('puts a handler that spins in scripting, and the phases add up to the keystrokes as the page timed them', () => {
    expect(profile.keystrokes).toBe(TYPED.length);
    expect(profile.phases.scripting).toBeGreaterThanOrEqual(SPIN_MS * 0.9);
    expect(Math.max(...PHASES.map((p) => profile.phases[p]))).toBe(profile.phases.scripting);
    const sum = PHASES.reduce((s, p) => s + profile.phases[p], 0);
    expect(sum).toBeCloseTo(profile.meanMs, 0);
    expect(profile.meanMs).toBeCloseTo(typed.reduce((s, k) => s + k.ms, 0) / typed.length, 5);
  });

  it('names the minified function by its source, through the source map beside the chunk', () => {
    const [top, ms] = profile.js.functions[0]!;
    expect(top).toMatch(/^spinFor .*busy\.ts:\d+$/);
    expect(ms / profile.keystrokes).toBeGreaterThanOrEqual(SPIN_MS * 0.5);
    // Samples weigh only the keystrokes' own time, each moment once.
    expect(profile.js.totalMs / profile.keystrokes).toBeLessThanOrEqual(profile.meanMs * 1.01);
    expect(profile.js.scripts[0]![0]).toMatch(/busy\.ts$/);
  });

  it('prints the mean keystroke by phase, then the JavaScript per keystroke', () => {
    const lines = formatKeystrokeProfile(profile);
    expect(lines[0]).toMatch(/^ {2}mean \d+\.\d ms: scripting \d+\.\d, style \d+\.\d, layout \d+\.\d, paint \d+\.\d, GC \d+\.\d, other \d+\.\d, waiting for the frame \d+\.\d ms$/);
    expect(lines.some((l) => /^ {4} +\d+\.\d\d ms {2}spinFor .*busy\.ts:\d+$/.test(l))).toBe(true);
  });

  it('says what the trace lacks: the page clock mark, or the CPU profile', () => {
    const mark = { name: CLOCK_MARK, ph: 'I', pid: 1, tid: 1, ts: 5_000, args: { data: { startTime: 2 } } };
    expect(() => profileKeystrokes({ traceEvents: [] }, typed, site.origin, dir)).toThrow(`the trace has no ${CLOCK_MARK} mark: was blink.user_timing traced, and the mark made while tracing?`);
    expect(() => profileKeystrokes([mark], [{ at: 2, ms: 1 }], site.origin, dir)).toThrow('the trace has no CPU profile: was disabled-by-default-v8.cpu_profiler traced?');
  });
});
