// The composition root, run in Node against a small fake of the Electron API: it checks the wiring
// (IPC through the door, tray clicks through the shared operations, quitting closes the server).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isolateAwsEnvironment, startSsoStandin, type SsoStandin } from '../../test-support/sso-standin';
import { freePort } from '../../test-support/free-port';
import { rawRequest } from '../../test-support/http';
import { OPERATION_NAMES, type AppState } from '../../preload/api';
import { record } from '../../test-support/fake-electron-api.cjs';

type Handler = (event: unknown, arg?: unknown) => Promise<unknown>;
type MenuItem = { label?: string; click?: () => void; submenu?: MenuItem[] };
type MenuTemplate = MenuItem[];

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron-api.cjs');
  return { ...electron, default: electron };
});

/** What the app did with the stand-in Electron API. */
const seen = record as unknown as {
  windows: { options: Record<string, any>; url?: string; sent: [string, unknown][] }[];
  trays: { menu?: MenuTemplate; tooltip?: string }[];
  handlers: Map<string, Handler>;
  clipboard: string;
};

let standin: SsoStandin;
let userData: string;
let restoreEnv: () => void;
let pageUrl: string;

async function call(name: string, arg?: unknown, senderUrl = pageUrl): Promise<any> {
  const handler = seen.handlers.get(`roletray:${name}`);
  if (!handler) throw new Error(`no IPC handler for ${name}`);
  return handler({ senderFrame: { url: senderUrl } }, arg);
}

async function until(test: (s: AppState) => boolean): Promise<AppState> {
  for (let i = 0; i < 300; i++) {
    const s = (await call('getState')).value as AppState;
    if (test(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('state never matched');
}


function menuItems(menu: MenuTemplate | undefined): MenuTemplate {
  return (menu ?? []).flatMap((i) => [i, ...(i.submenu ?? [])]);
}

beforeAll(async () => {
  standin = await startSsoStandin({ accounts: 5, rolesPerAccount: 2, interval: 1, pendingPolls: 0 });
  restoreEnv = isolateAwsEnvironment({ AWS_ENDPOINT_URL_SSO: standin.url, AWS_ENDPOINT_URL_SSO_OIDC: standin.url });
  userData = mkdtempSync(join(tmpdir(), 'roletray-electron-'));
  process.env.FAKE_ELECTRON_USER_DATA = userData;
  // Not 4144: a real RoleTray may be running on this machine.
  writeFileSync(join(userData, 'settings.json'), JSON.stringify({ version: 1, port: await freePort() }));
  await import('./app');
  for (let i = 0; i < 200 && seen.trays.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  pageUrl = seen.windows[0]!.url!;
});

afterAll(async () => {
  restoreEnv();
  await standin.close();
});

describe('the Electron composition root (fake Electron API)', () => {
  it('opens one locked-down window on the built renderer', () => {
    expect(seen.windows).toHaveLength(1);
    expect(seen.windows[0]!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(seen.windows[0]!.options.webPreferences.preload).toMatch(/dist\/preload\.cjs$/);
    expect(pageUrl).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html$/);
    expect(seen.windows[0]!.options.show).toBe(false);
  });

  it('registers one IPC handler per operation, refusing other senders', async () => {
    expect(seen.handlers.size).toBe(OPERATION_NAMES.length);
    expect(await call('unloadAll', undefined, 'https://attacker.example/')).toMatchObject({ ok: false });
    expect((await call('getState')).value.server.listening).toBe(true);
  });

  it('a tray click on a recent role loads it into the default slot, and the server serves it', async () => {
    await call('signIn', { startUrl: standin.startUrl, region: standin.region });
    await until((s) => s.sso[0]?.roleCount === 10);
    const roles = (await call('listRoles')).value as { key: string; profileName: string; accountId: string; roleName: string }[];
    const picked = roles[3]!;
    expect(await call('loadRole', { roleKey: picked.key, slot: 'other' })).toMatchObject({ ok: true });
    await until((s) => s.recents.length === 1);
    const tray = seen.trays[0]!;
    const item = menuItems(tray.menu).find((i) => i.label === picked.profileName);
    expect(item?.click).toBeTypeOf('function');
    item!.click!();
    const s = await until((st) => st.slots.some((x) => x.name === ''));
    expect(s.slots.find((x) => x.name === '')?.profileName).toBe(picked.profileName);
    expect(tray.tooltip).toMatch(new RegExp(`^RoleTray — ${picked.profileName} · \\d+m$`));
    const answer = await rawRequest(s.server.port!, { path: '/' });
    expect(answer.status).toBe(200);
    const issued = standin.stats.issuedCredentials.filter((c) => c.accountId === picked.accountId && c.roleName === picked.roleName).at(-1);
    expect(answer.json.AccessKeyId).toBe(issued?.accessKeyId);
    const pushed = seen.windows[0]!.sent.filter(([channel]) => channel === 'roletray:state');
    expect(pushed.length).toBeGreaterThan(0);
  });

  it('keeps secrets out of the settings file and stores slots encrypted', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const s = (await call('getState')).value as AppState;
    const secret = (await rawRequest(s.server.port!, { path: '/' })).json.SecretAccessKey as string;
    await new Promise((r) => setTimeout(r, 400)); // the slot store writes after a short debounce
    const dir = join(userData, 'secrets');
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(join(dir, f)).includes(secret)).toBe(false);
    expect(readFileSync(join(userData, 'settings.json'), 'utf8')).not.toContain(secret);
  });

  it('"Copy export lines" puts the exact lines on the clipboard', async () => {
    const item = menuItems(seen.trays[0]!.menu).find((i) => i.label === 'Copy export lines');
    item!.click!();
    await new Promise((r) => setTimeout(r, 50));
    const url = ((await call('getState')).value as AppState).server.url!;
    expect(seen.clipboard).toContain(`export AWS_CONTAINER_CREDENTIALS_FULL_URI='${url}'`);
  });

  it('quitting closes the server', async () => {
    const port = ((await call('getState')).value as AppState).server.port!;
    const item = menuItems(seen.trays[0]!.menu).find((i) => i.label === 'Quit');
    item!.click!();
    await new Promise((r) => setTimeout(r, 300));
    await expect(rawRequest(port, { path: '/healthcheck' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
