// The packaged shape of RoleTray, driven through Electron itself. Needs the Electron binary, which
// `npm ci` fetches on a desktop; where it cannot be had (as on CI here) the spec skips and says why.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSsoStandin, type SsoStandin } from '../../test-support/sso-standin';
import { isolatedAwsEnv } from '../../test-support/aws-env';
import { freePort } from '../../test-support/free-port';
import { sdkCredentials } from '../../test-support/sdk-child';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
const binary = existsSync(pathFile) ? join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined;
const missing = !binary || !existsSync(binary) ? `no Electron binary (${binary ?? pathFile} is absent; the first \`npm start\` fetches it on a desktop)` : undefined;
if (missing) console.log(`Electron specs skipped: ${missing}`);


test.describe('RoleTray in Electron', () => {
  test.skip(missing !== undefined, missing);
  let app: ElectronApplication;
  let standin: SsoStandin;

  test.beforeAll(async () => {
    standin = await startSsoStandin({ accounts: 20, rolesPerAccount: 3, interval: 1, pendingPolls: 0 });
    const userData = mkdtempSync(join(tmpdir(), 'roletray-electron-e2e-'));
    writeFileSync(
      join(userData, 'settings.json'),
      JSON.stringify({ version: 1, port: await freePort(), ssoInstances: [{ startUrl: standin.startUrl, region: standin.region }] }),
    );
    app = await electron.launch({
      executablePath: binary,
      args: [ROOT, `--user-data-dir=${userData}`],
      env: isolatedAwsEnv({ AWS_ENDPOINT_URL_SSO: standin.url, AWS_ENDPOINT_URL_SSO_OIDC: standin.url, ROLETRAY_E2E: '1' }) as Record<string, string>,
    });
  });

  test.afterAll(async () => {
    await app?.close();
    await standin?.close();
  });

  test('the window opens on the roles screen, a role picked in it reaches the AWS SDK, and the tray shows it', async () => {
    const page = await app.firstWindow();
    await page.waitForFunction(() => 'roletray' in window);
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');

    // The person opens the window (as from the tray): a hidden window's page gets no animation
    // frames, and the role list's virtualiser lays its rows out in them.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.show());
    // What the person sees: the roles screen, asking them to sign in.
    await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sign in to see your roles' })).toBeVisible();

    await page.evaluate((i) => (window as any).roletray.signIn(i), { startUrl: standin.startUrl, region: standin.region, method: 'device' });
    await expect(page.getByText('60 roles', { exact: true })).toBeVisible({ timeout: 20_000 });
    const roles = (await page.evaluate(() => (window as any).roletray.listRoles())).value as { key: string; profileName: string; accountId: string }[];
    const picked = roles[10]!;

    // Pick it the way a person does: search, then Enter loads the match into the default slot.
    const search = page.getByRole('combobox', { name: 'Search roles' });
    await search.fill(picked.profileName);
    await expect(page.getByRole('option')).toHaveCount(1);
    await expect(page.getByRole('option')).toContainText(picked.accountId);
    await search.press('Enter');
    await expect(page.getByText(`Loaded ${picked.profileName} into the default slot`)).toBeVisible();
    await expect(page.getByRole('option')).toContainText('in default slot');

    const state = (await page.evaluate(() => (window as any).roletray.getState())).value;
    expect(state.slots.find((s: { name: string }) => s.name === '')?.profileName).toBe(picked.profileName);
    const sdk = await sdkCredentials('http', isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: state.server.url }));
    expect(sdk.ok).toBe(true);
    expect(standin.stats.issuedCredentials.at(-1)?.accessKeyId).toBe(sdk.accessKeyId);

    const tray = await app.evaluate(() => (globalThis as any).roletrayTestHooks.trayModel());
    expect(tray.title).toMatch(new RegExp(`^${picked.profileName} · \\d+m$`));
  });
});
