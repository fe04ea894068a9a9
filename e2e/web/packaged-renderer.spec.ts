import { expect, test } from '@playwright/test';
import { debianChromium } from '../../test-support/web/chromium';
import { installFakeRoleTray } from '../../test-support/web/fake-roletray';
import { serveBuiltRenderer } from '../../test-support/web/protocol-served-renderer';

/**
 * The window as the installed app loads it: the built renderer answered by the request handler
 * behind roletray://app/ (served to Chromium on loopback, paths 1:1). Vite's module script and
 * stylesheet must load with the types and headers the handler gives them, under the page's CSP,
 * and the first screen must show. A stand-in window.roletray plays the preload.
 */
test.use(debianChromium);

test('the built renderer, served by the app protocol handler, shows the roles screen under its CSP with no failed request', async ({ page }) => {
  const site = await serveBuiltRenderer();
  try {
    const failed: string[] = [];
    const badAnswers: string[] = [];
    const cspConsole: string[] = [];
    const pageErrors: string[] = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.status() >= 400) badAnswers.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
      if (/content security policy/i.test(m.text())) cspConsole.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    await page.addInitScript(installFakeRoleTray, { roleCount: 40, now: Date.now() });

    const indexAnswer = await page.goto(`${site.origin}/index.html`);
    expect(indexAnswer?.status()).toBe(200);

    await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
    await expect(page.getByText('40 roles', { exact: true })).toBeVisible();
    await expect(page.getByRole('option').first()).toContainText('payments-prod-0');
    // The stylesheet applied: served with a wrong type, nosniff would have made Chromium drop it.
    await expect(page.locator('.app')).toHaveCSS('display', 'grid');

    const assets = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/assets/')));
    expect(assets.some((n) => n.endsWith('.js')), `module script among ${assets.join(', ')}`).toBe(true);
    expect(assets.some((n) => n.endsWith('.css')), `stylesheet among ${assets.join(', ')}`).toBe(true);

    const metaPolicy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(metaPolicy).toContain("script-src 'self'");
    expect(indexAnswer?.headers()['content-security-policy']).toBe(metaPolicy);
    expect(indexAnswer?.headers()['x-content-type-options']).toBe('nosniff');

    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expect(cspConsole).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(badAnswers).toEqual([]);
    expect(site.refusals).toEqual([]);

    // The listener does hear violations: an inline script is blocked and reported once per policy
    // in force, the handler's header and the page's meta tag.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual(['script-src-elem inline', 'script-src-elem inline']);
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  } finally {
    await site.close();
  }
});
