// The app as electron-builder --dir packs it (fuses flipped, asar only, renderer on roletray://), started
// the way a person starts it, on a first run. The desktop workflow builds it and sets
// ROLETRAY_PACKAGED_APP to its executable; elsewhere the spec skips and says why.
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatedAwsEnv } from '../../test-support/aws-env';
import { freePort } from '../../test-support/free-port';
import { rawRequest } from '../../test-support/http';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const configured = process.env.ROLETRAY_PACKAGED_APP;
const executable = configured ? resolve(ROOT, configured) : undefined;
const missing = !executable
  ? 'ROLETRAY_PACKAGED_APP is not set (the desktop workflow sets it to the app `npx electron-builder --dir` built)'
  : !existsSync(executable)
    ? `no packaged app at ${executable}`
    : undefined;
if (missing) console.log(`Packaged-app specs skipped: ${missing}`);

/** <resources> of the packaged app: beside the executable, or Contents/Resources in a macOS bundle. */
function resourcesOf(exe: string): string {
  return process.platform === 'darwin' ? resolve(dirname(exe), '..', 'Resources') : join(dirname(exe), 'resources');
}

async function until<T>(what: string, attempt: () => Promise<T | undefined>, tries = 120): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

test.describe('the packaged RoleTray app, first run', () => {
  test.skip(missing !== undefined, missing);
  test.describe.configure({ mode: 'serial' });
  let child: ChildProcess;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let output = '';
  let browser: Browser;
  let page: Page;
  let port: number;

  test.beforeAll(async () => {
    const userData = mkdtempSync(join(tmpdir(), 'roletray-packaged-'));
    // Not 4144: a real RoleTray may be running on this machine. No IAM Identity Center instance yet.
    port = await freePort();
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ version: 1, port }));
    const debugPort = await freePort();
    // --remote-debugging-port is Chromium's switch, which the nodeCliInspect fuse (Node's --inspect) leaves alone.
    child = spawn(executable!, [`--remote-debugging-port=${debugPort}`, `--user-data-dir=${userData}`], {
      env: isolatedAwsEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
    try {
      await until('the DevTools endpoint', async () => ((await rawRequest(debugPort, { path: '/json/version' })).status === 200 ? true : undefined));
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`);
      page = await until('the RoleTray window', async () => browser.contexts().flatMap((c) => c.pages()).find((p) => !p.url().startsWith('devtools:') && p.url() !== 'about:blank'));
    } catch (err) {
      throw new Error(`${(err as Error).message}; the app printed:\n${output}`);
    }
  });

  test.afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  test('the window shows the roles screen, loaded from roletray://app/', async () => {
    expect(page.url()).toMatch(/^roletray:\/\/app\//);
    await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('No IAM Identity Center instance yet')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sign in to see your roles' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Sections' })).toContainText(`http://127.0.0.1:${port}/`);
    // The preload is the only door: no Node in the page.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  });

  test('the server answers on the configured port', async () => {
    const health = await rawRequest(port, { path: '/healthcheck' });
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ status: 'ok', version: VERSION });
  });

  test('the command line ships with it, at <resources>/bin', () => {
    const cli = join(resourcesOf(executable!), 'bin', process.platform === 'win32' ? 'roletray.exe' : 'roletray');
    expect(execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim()).toBe(VERSION);
  });

  test('closing the app stops the server', async () => {
    child.kill('SIGTERM');
    const { code } = await exited;
    // On POSIX, Electron turns SIGTERM into app.quit(), so the app shuts down on its normal path.
    if (process.platform !== 'win32') expect(code, output).toBe(0);
    await expect(rawRequest(port, { path: '/healthcheck' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
