// The desktop app and the command line on one configuration directory, as separate processes: the
// bundled Electron main (dist/main/app.cjs, with the typed stand-in for the electron module) owns
// its userData, and the built `roletray` drives it there. One secret store per directory: neither
// ever reads the other's secrets as garbage, nor writes beside them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { freePort } from '../test-support/free-port';
import { roletray } from '../test-support/roletray-cli';
import { startSsoStandin, type SsoStandin } from '../test-support/sso-standin';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let fakeElectron: string;
let standin: SsoStandin;

interface RunningApp {
  child: ChildProcess;
  log: () => string;
  quit(): Promise<number | null>;
}

/** Starts the bundled app on `userData` and waits for its readiness marker. */
async function startApp(userData: string): Promise<RunningApp> {
  // Not 4144: a real RoleTray may run on this machine.
  const file = join(userData, 'settings.json');
  const settings = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : { version: 1 };
  writeFileSync(file, JSON.stringify({ ...settings, port: await freePort() }));
  const env = { ...isolatedAwsEnv({ AWS_ENDPOINT_URL_SSO: standin.url, AWS_ENDPOINT_URL_SSO_OIDC: standin.url }), FAKE_ELECTRON_USER_DATA: userData, FAKE_ELECTRON_LOGS: join(userData, 'logs') };
  const child = spawn(process.execPath, ['--require', fakeElectron, join(ROOT, 'dist/main/app.cjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const onData = () => log.includes('"message":"ready"') && (child.stderr!.off('data', onData), resolve());
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`the app exited with ${code}: ${log}`)));
  });
  return {
    child,
    log: () => log,
    quit: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The command line's environment for a directory: a device code (no display), no AWS_* of the machine. */
function cliEnv(configDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...isolatedAwsEnv({ AWS_ENDPOINT_URL_SSO: standin.url, AWS_ENDPOINT_URL_SSO_OIDC: standin.url }), ROLETRAY_CONFIG_DIR: configDir };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

const secretFiles = (dir: string) => (existsSync(join(dir, 'secrets')) ? readdirSync(join(dir, 'secrets')).sort() : []);

beforeAll(async () => {
  fakeElectron = join(mkdtempSync(join(tmpdir(), 'roletray-fake-electron-')), 'fake-electron.cjs');
  await build({ entryPoints: [join(ROOT, 'test-support/fake-electron-require.ts')], outfile: fakeElectron, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  standin = await startSsoStandin({ accounts: 3, rolesPerAccount: 2, interval: 1, pendingPolls: 0 });
});
afterAll(() => standin.close());

describe('the command line drives the running app', () => {
  const userData = mkdtempSync(join(tmpdir(), 'roletray-app-cli-'));
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(userData);
  });
  afterAll(() => app.quit());

  it('login from the command line is the app\'s sign-in: the app lists the roles and loads one; no unreadable secret anywhere', async () => {
    const env = cliEnv(userData);
    const login = await roletray(['login', '--start-url', standin.startUrl, '--region', standin.region], env);
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/; the running RoleTray keeps the session\.\n$/);
    const roles = JSON.parse((await roletray(['roles', '--json'], env)).stdout) as { profileName: string }[];
    expect(roles).toHaveLength(6);
    expect(await roletray(['load', '-p', roles[2]!.profileName], env)).toMatchObject({ code: 0, stdout: `Loaded ${roles[2]!.profileName} into the default slot.\n` });
    expect((await roletray(['list'], env)).stdout).toContain(`(default)  ${roles[2]!.profileName}`);
    // Everything went into the app's keychain-sealed store: the command line made no key file of its own.
    expect(existsSync(join(userData, 'secret.key'))).toBe(false);
    expect(secretFiles(userData).length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(userData, 'secret-store.json'), 'utf8'))).toEqual({ kind: 'app' });
    expect(app.log()).not.toMatch(/"level":"error"|cannot be decrypted/);
  });

  it('a serve on the app\'s directory is refused, naming the app', async () => {
    const serve = await roletray(['serve', '--port', '0'], cliEnv(userData));
    expect(serve).toMatchObject({
      code: 1,
      stderr: `roletray serve: the RoleTray app (pid ${app.child.pid}) already holds the configuration directory ${userData}. Stop it first (the command line works with either), or serve another directory (--config-dir D).\n`,
    });
  });

  it('once the app has quit, the command line leaves its secrets alone and says to start it', async () => {
    expect(await app.quit()).toBe(0);
    const before = secretFiles(userData).map((f) => readFileSync(join(userData, 'secrets', f)));
    const show = await roletray(['auth', '--show'], cliEnv(userData));
    expect(show).toMatchObject({
      code: 1,
      stderr: `roletray auth: ${userData} holds the RoleTray app's secrets, sealed by the OS keychain, which only the app can open: start the RoleTray app and run this command again: it then goes through the app.\n`,
    });
    const serve = await roletray(['serve', '--port', '0'], cliEnv(userData));
    expect(serve).toMatchObject({
      code: 1,
      stderr: `roletray serve: ${userData} holds the RoleTray app's secrets, sealed by the OS keychain, which only the app can open: start the RoleTray app instead, or serve another directory (--config-dir D).\n`,
    });
    expect(secretFiles(userData).map((f) => readFileSync(join(userData, 'secrets', f)))).toEqual(before);
    expect(existsSync(join(userData, 'secret.key'))).toBe(false);
  });
});

describe('the app on a directory the command line signed in to first', () => {
  it('stores nothing beside those secrets and says what to run, with no unreadable-secret error', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'roletray-cli-first-'));
    expect((await roletray(['login', '--start-url', standin.startUrl, '--region', standin.region], cliEnv(userData))).code).toBe(0);
    const before = secretFiles(userData).map((f) => [f, readFileSync(join(userData, 'secrets', f))]);
    expect(before.length).toBeGreaterThan(0);
    const app = await startApp(userData);
    try {
      expect(app.log()).toContain(
        `${userData} holds the secrets of \`roletray serve\` and the command line (kept with the key file ${join(userData, 'secret.key')}), which the app leaves alone, so it stores no secrets this time.`,
      );
      expect(app.log()).not.toMatch(/cannot be decrypted|belongs to another name|Internal error/);
      // Signing in through the app would store a session beside them: refused, with the same words.
      const login = await roletray(['login', '--start-url', standin.startUrl, '--region', standin.region], cliEnv(userData));
      expect(login.code).toBe(1);
      expect(login.stderr).toContain('which the app leaves alone, so it stores no secrets this time.');
    } finally {
      expect(await app.quit()).toBe(0);
    }
    expect(secretFiles(userData).map((f) => [f, readFileSync(join(userData, 'secrets', f))])).toEqual(before);
    expect(existsSync(join(userData, 'secret-key.sealed'))).toBe(false);
  });
});
