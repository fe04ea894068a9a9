import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { debianChromium, SCREENS_DIR } from '../../test-support/web/chromium';
import { startDevWeb, type DevWeb } from '../../test-support/web/dev-web';
import { nav } from '../../test-support/web/nav';

/**
 * Signing in from the Server screen with PKCE, in Chromium against the stand-in: the app hands the
 * sign-in page to "the person's browser" (a $BROWSER script that notes it), the test opens it in a
 * Chromium tab as that browser would, and the tab follows the authorize page's redirect to the
 * app's loopback listener. Only the flow is pinned (click Sign in, signed in, roles listed): the
 * sign-in screen itself is being reworked.
 */
test.use(debianChromium);

test.describe('sign-in in the browser', () => {
  let app: DevWeb | undefined;
  let opened: string;
  test.beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-pkce-web-'));
    opened = join(dir, 'opened');
    const browser = join(dir, 'browser.sh');
    writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
    chmodSync(browser, 0o755);
    app = await startDevWeb(['--sign-in', 'pkce', '--browser', browser]);
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test('click Sign in, come back from the sign-in page: signed in, and the roles are listed', async ({ page, context }) => {
    test.setTimeout(60_000);
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(app!.url);
    await nav(page, /^Server/);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // The app asked the browser to open its sign-in page, once.
    await expect.poll(() => (existsSync(opened) ? readFileSync(opened, 'utf8').trim().split('\n') : [])).toHaveLength(1);
    const signInPage = readFileSync(opened, 'utf8').trim();
    expect(signInPage).toMatch(new RegExp(`^${app!.standin.url}/authorize\\?`));

    const tab = await context.newPage();
    await tab.goto(signInPage);
    expect(tab.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=/);
    await expect(tab.getByRole('heading', { name: 'Signed in' })).toBeVisible();
    await expect(tab.getByText('You can close this tab.')).toBeVisible();
    await tab.screenshot({ path: `${SCREENS_DIR}/sign-in-browser-tab.png` });
    await tab.close();

    await expect(page.getByText('Signed in', { exact: true })).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: `${SCREENS_DIR}/signed-in-browser.png`, fullPage: true });
    await nav(page, /^Roles/);
    await expect(page.getByText('900 roles', { exact: true })).toBeVisible({ timeout: 20_000 });
    expect(readFileSync(opened, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
