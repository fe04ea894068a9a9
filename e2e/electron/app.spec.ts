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

  test('the window opens, a role loads, the AWS SDK gets it, and the tray shows it', async () => {
    const page = await app.firstWindow();
    await page.waitForFunction(() => 'roletray' in window);
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');

    await page.evaluate((i) => (window as any).roletray.signIn(i), { startUrl: standin.startUrl, region: standin.region });
    await expect.poll(async () => (await page.evaluate(() => (window as any).roletray.getState())).value.sso[0].roleCount, { timeout: 20_000 }).toBe(60);
    const roles = (await page.evaluate(() => (window as any).roletray.listRoles())).value as { key: string; profileName: string }[];
    const picked = roles[10]!;
    expect((await page.evaluate((key) => (window as any).roletray.loadRole({ roleKey: key }), picked.key)).ok).toBe(true);

    const state = (await page.evaluate(() => (window as any).roletray.getState())).value;
    const sdk = await sdkCredentials('http', isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: state.server.url }));
    expect(sdk.ok).toBe(true);
    expect(standin.stats.issuedCredentials.at(-1)?.accessKeyId).toBe(sdk.accessKeyId);

    const tray = await app.evaluate(() => (globalThis as any).roletrayTestHooks.trayModel());
    expect(tray.title).toMatch(new RegExp(`^${picked.profileName} · \\d+m$`));
  });
});
