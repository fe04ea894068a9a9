import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../main/cli/io';
import { login } from '../main/cli/sso-commands';
import { openHeadlessSecretStore } from '../main/secrets/headless-secret-store';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { CLI, roletray } from '../test-support/roletray-cli';
import type { SsoStandin, StandinOptions } from '../test-support/sso-standin';
import { standinPerTest } from '../test-support/standin-per-test';

/**
 * `roletray login` as a person runs it, the built command against the stand-in: where a browser
 * can open it signs in with PKCE, through $BROWSER, here a script that loads the sign-in page and
 * follows its redirect to the loopback listener as a browser would; over SSH, with a device code.
 */

const startStandin = standinPerTest();

interface Visit {
  opened: string;
  url: string;
  status: number;
  text: string;
}

/** A $BROWSER that loads the page it is given, follows the redirects, and notes what it saw. */
function browserScript(dir: string): { path: string; visits: () => Visit[] } {
  const log = join(dir, 'visits.jsonl');
  const path = join(dir, 'browser.cjs');
  writeFileSync(
    path,
    `#!${process.execPath}
const { appendFileSync } = require('node:fs');
const opened = process.argv[2];
fetch(opened).then(async (res) => appendFileSync(${JSON.stringify(log)}, JSON.stringify({ opened, url: res.url, status: res.status, text: await res.text() }) + '\\n'));
`,
  );
  chmodSync(path, 0o755);
  return { path, visits: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Visit) : []) };
}

async function setup(options: StandinOptions = {}, env: Record<string, string> = {}) {
  const standin = await startStandin({ accounts: 5, rolesPerAccount: 2, interval: 1, ...options });
  const dir = mkdtempSync(join(tmpdir(), 'roletray-login-'));
  const browser = browserScript(dir);
  const configDir = join(dir, 'config');
  const base = isolatedAwsEnv({ AWS_ENDPOINT_URL_SSO: standin.url, AWS_ENDPOINT_URL_SSO_OIDC: standin.url, ROLETRAY_CONFIG_DIR: configDir, BROWSER: browser.path });
  // Only what each test sets says whether this is an SSH session or a desktop.
  for (const key of ['SSH_CONNECTION', 'DISPLAY', 'WAYLAND_DISPLAY']) delete base[key];
  const fullEnv = { ...base, ...env };
  const args = (flags: string[]) => ['--start-url', standin.startUrl, '--region', standin.region, ...flags];
  /** The command in this process, for the choices that need no built bundle. */
  const loginHere = async (...flags: string[]) => {
    let stdout = '';
    const io: CliIo = { env: fullEnv, stdout: (text) => void (stdout += text), stderr: () => undefined, readStdin: async () => '', stopSignal: () => new Promise(() => undefined) };
    const code = await login(args(flags), io, { openSecrets: openHeadlessSecretStore, endpoint: standin.url });
    return { code, stdout };
  };
  return { standin, browser, configDir, env: fullEnv, login: (...flags: string[]) => roletray(['login', ...args(flags)], fullEnv), loginHere, roles: () => roletray(['roles'], fullEnv) };
}

/** The authorize URL `login` printed, and the port of the listener it named. */
function printedPage(stdout: string): { url: string; port: number } {
  const url = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)$/m.exec(stdout)?.[1];
  if (!url) throw new Error(`no authorize URL in:\n${stdout}`);
  return { url, port: Number(new URL(new URL(url).searchParams.get('redirect_uri')!).port) };
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function nothingStored(t: { configDir: string; standin: SsoStandin; roles: () => ReturnType<typeof roletray> }) {
  expect(await (await openHeadlessSecretStore(t.configDir)).get(`sso-token:${t.standin.startUrl}`)).toBeUndefined();
  expect(await t.roles()).toMatchObject({ code: 1, stderr: 'roletray roles: not signed in (run: roletray login)\n' });
}

describe('roletray login in a browser (PKCE)', () => {
  it('on a desktop opens the sign-in page with $BROWSER, which comes back to the listener: signed in, roles listed', async () => {
    const t = await setup({}, { DISPLAY: ':99' });
    const run = await t.login();
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const page = printedPage(run.stdout);
    expect(run.stdout).toBe(
      `Signing in to ${t.standin.startUrl} in your browser. If no page opened, open this URL in a browser on this machine:\n\n  ${page.url}\n\nWaiting...\n` +
        `Signed in to ${t.standin.startUrl} until ${/until (\S+) \(/.exec(run.stdout)![1]} (renewed automatically).\n`,
    );
    expect(new URL(page.url).searchParams.get('code_challenge_method')).toBe('S256');
    // The browser runs on its own; it may note its page a moment after login is done.
    await expect.poll(() => t.browser.visits()).toEqual([{ opened: page.url, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=/), status: 200, text: expect.stringContaining('You can close this tab.') }]);
    expect(t.standin.stats.grants).toEqual({ authorization_code: 1 });
    expect(t.standin.stats.registrations).toEqual([{ grantTypes: ['authorization_code', 'refresh_token'], redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: t.standin.startUrl }]);
    expect(await listening(page.port)).toBe(false);

    const roles = await t.roles();
    expect(roles.code).toBe(0);
    const lines = roles.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^PROFILE\s+ACCOUNT\s+ACCOUNT NAME\s+ROLE$/);
    expect(lines).toHaveLength(1 + 10);
  });

  it('denied on the sign-in page: says so, stores nothing, and the listener is closed', async () => {
    const t = await setup({ consent: 'deny' }, { DISPLAY: ':99' });
    const run = await t.login();
    expect(run).toMatchObject({ code: 1, stderr: 'roletray login: the sign-in was denied in the browser\n' });
    await expect.poll(() => t.browser.visits()[0]).toMatchObject({ status: 400, text: expect.stringContaining('the sign-in was denied in the browser') });
    expect(await listening(printedPage(run.stdout).port)).toBe(false);
    await nothingStored(t);
  });

  it('a browser that comes back with another state: refused, nothing stored, the listener closed', async () => {
    const t = await setup({ consent: 'wrong-state' }, { DISPLAY: ':99' });
    const run = await t.login();
    expect(run).toMatchObject({
      code: 1,
      stderr: 'roletray login: the browser came back from a different sign-in (its state did not match), so nothing was stored; sign in again\n',
    });
    expect(t.standin.stats.requests['POST /token']).toBeUndefined();
    expect(await listening(printedPage(run.stdout).port)).toBe(false);
    await nothingStored(t);
  });

  it('with no browser to open, says so and waits for the person to open the page', async () => {
    const t = await setup({}, { DISPLAY: ':99', BROWSER: '/nonexistent/browser' });
    const child = spawn(process.execPath, [CLI, 'login', '--start-url', t.standin.startUrl, '--region', t.standin.region], { env: t.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const waiting = expect.poll(() => out, { timeout: 15_000 }).toMatch(/Waiting/);
    // A login that ends before it waits says why, rather than leaving the poll to time out.
    await Promise.race([waiting, exited.then((code) => Promise.reject(new Error(`login exited with ${code} before waiting: ${err}`)))]);
    const page = printedPage(out);
    expect(out).toBe(
      `No browser opened with /nonexistent/browser. To sign in to ${t.standin.startUrl}, open this URL in a browser on this machine:\n\n  ${page.url}\n\nWaiting... (from another machine, use --use-device-code)\n`,
    );
    expect((await fetch(page.url)).status).toBe(200);
    expect(await exited).toBe(0);
    expect(out).toMatch(/Signed in to /);
  });
});

describe('roletray login: which way', () => {
  it('over SSH (SSH_CONNECTION) prints a device code, even with a display, and opens no browser', async () => {
    const t = await setup({}, { DISPLAY: ':99', SSH_CONNECTION: '127.0.0.1 52114 127.0.0.1 22' });
    const run = await t.loginHere();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^To sign in to https:\/\/d-standin\.awsapps\.com\/start, open this URL in a browser and confirm the code [0-9A-F]{4}-[0-9A-F]{4}:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/start\/#\/device\?user_code=/);
    expect(t.standin.stats.grants).toEqual({ device_code: 1 });
    expect(t.standin.stats.authorizations).toBe(0);
    expect(t.browser.visits()).toEqual([]);
  });

  it('with no display prints a device code; --use-pkce still signs in in the browser, --use-device-code on a desktop uses the code', async () => {
    const headless = await setup();
    expect((await headless.loginHere()).stdout).toMatch(/confirm the code/);
    expect(headless.standin.stats.grants).toEqual({ device_code: 1 });

    const forced = await setup({}, { SSH_CONNECTION: '127.0.0.1 52114 127.0.0.1 22' });
    expect((await forced.loginHere('--use-pkce')).stdout).toMatch(/in your browser/);
    expect(forced.standin.stats.grants).toEqual({ authorization_code: 1 });

    const desktop = await setup({}, { DISPLAY: ':99' });
    expect((await desktop.loginHere('--use-device-code')).stdout).toMatch(/confirm the code/);
    expect(desktop.browser.visits()).toEqual([]);
  });

  it('refuses both flags at once before asking anyone', async () => {
    const t = await setup();
    await expect(t.loginHere('--use-pkce', '--use-device-code')).rejects.toMatchObject({ exitCode: 2, message: 'choose one of --use-pkce and --use-device-code' });
    expect(t.standin.stats.requests).toEqual({});
  });
});
