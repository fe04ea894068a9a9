import { expect, test } from '@playwright/test';
import { debianChromium } from '../../test-support/web/chromium';
import { installFakeRoleTray } from '../../test-support/web/fake-roletray';
import { serveBuiltRenderer } from '../../test-support/web/protocol-served-renderer';

/**
 * The picker with 10,000 roles: first render, and keystroke-to-paint while filtering
 * (performance.now() at keydown → the requestAnimationFrame after React's commit). Targets:
 * median < 16 ms, p95 < 33 ms. Prints the figures; asserts only generous bounds, so a busy
 * machine does not make it flaky. The dev bridge's stand-in has ~900 roles, so this run brings
 * its own in-page window.roletray.
 */
test.use(debianChromium);

const ROLES = 10_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p + 0.5))]!;
}

test('filtering 10,000 roles paints within a frame', async ({ page }) => {
  const site = await serveBuiltRenderer();
  try {
    await page.addInitScript(installFakeRoleTray, { roleCount: ROLES, now: Date.now() });
    await page.addInitScript(() => {
      const w = window as unknown as { __shell?: number; __firstRows?: number; __samples: number[]; __measuring: () => boolean };
      w.__samples = [];
      let t0: number | undefined;
      let painting = 0;
      // A keystroke is measured until the frame after its change is painted.
      w.__measuring = () => t0 !== undefined || painting > 0;
      document.addEventListener('keydown', () => (t0 = performance.now()), true);
      const watch = new MutationObserver(() => {
        if (w.__shell === undefined && document.querySelector('.app')) requestAnimationFrame(() => (w.__shell ??= performance.now()));
        if (w.__firstRows === undefined && document.querySelector('.role-row')) {
          requestAnimationFrame(() => (w.__firstRows ??= performance.now()));
        }
        if (t0 === undefined) return;
        const start = t0;
        t0 = undefined;
        painting++;
        requestAnimationFrame(() => {
          w.__samples.push(performance.now() - start);
          painting--;
        });
      });
      document.addEventListener('DOMContentLoaded', () => watch.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] }));
    });
    // The first navigation of a fresh browser pays for its own start-up; measure a warm load.
    await page.goto(`${site.origin}/`);
    await expect(page.getByRole('option').first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole('option').first()).toBeVisible();
    await expect(page.getByText(`${ROLES.toLocaleString('en-US')} roles`, { exact: true })).toBeVisible();
    const load = await page.evaluate(() => {
      const w = window as unknown as { __shell: number; __rolesServedAt: number; __firstRows: number };
      return { shell: w.__shell, rolesServedAt: w.__rolesServedAt, firstRows: w.__firstRows };
    });
    const firstRender = load.firstRows - load.rolesServedAt;

    const search = page.getByRole('combobox', { name: 'Search roles' });
    await expect(search).toBeFocused();
    await page.evaluate(() => ((window as unknown as { __samples: number[] }).__samples = []));
    for (const query of ['payments prod admin', 'ledger staging', '1000000', 'readonly sec']) {
      await page.keyboard.type(query, { delay: 40 });
      for (let i = 0; i < query.length; i++) await page.keyboard.press('Backspace', { delay: 40 });
    }
    await expect.poll(() => page.evaluate(() => (window as unknown as { __measuring: () => boolean }).__measuring()), { message: 'the last keystroke painted' }).toBe(false);
    const samples = await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples);
    const sorted = [...samples].sort((a, b) => a - b);
    const median = percentile(sorted, 0.5);
    const p95 = percentile(sorted, 0.95);
    console.log(
      `picker-perf: ${ROLES} roles; window painted ${load.shell.toFixed(0)} ms after navigation, first rows ${load.firstRows.toFixed(0)} ms; ` +
        `roles list to rows painted ${firstRender.toFixed(1)} ms; ` +
        `keystroke→paint over ${samples.length} keystrokes: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (targets: median < 16, p95 < 33)`,
    );
    test.info().annotations.push({ type: 'perf', description: JSON.stringify({ roles: ROLES, ...load, firstRender, median, p95, samples: samples.length }) });

    expect(samples.length).toBeGreaterThan(80);
    expect(median).toBeLessThan(100);
    expect(firstRender).toBeLessThan(2000);
    await expect(search).toHaveValue('');
  } finally {
    await site.close();
  }
});
