// The composition root, run in Node against a small fake of the Electron API: it checks the wiring
// (IPC through the door, tray clicks through the shared operations, quitting closes the server).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isolateAwsEnvironment, startSsoStandin, type SsoStandin } from '../../e2e/fixtures/sso-standin';
import { freePort } from '../../e2e/support/free-port';
import { rawRequest } from '../../e2e/support/http';
import { OPERATION_NAMES, type AppState } from '../../preload/api';

type Handler = (event: unknown, arg?: unknown) => Promise<unknown>;
type MenuItem = { label?: string; click?: () => void; submenu?: MenuItem[] };
type MenuTemplate = MenuItem[];

const fake = vi.hoisted(() => {
  const appEvents = new Map<string, (event: { preventDefault(): void }) => void>();
  const state = {
    userData: '',
    handlers: new Map<string, Handler>(),
    windows: [] as { options: Record<string, any>; url?: string; sent: [string, unknown][] }[],
    trays: [] as { menu?: MenuTemplate; tooltip?: string }[],
    clipboard: '',
    quitCalls: 0,
    logged: [] as string[],
    appEvents,
  };
  const webContents = (w: (typeof state.windows)[number]) => ({
    on: () => undefined,
    setWindowOpenHandler: () => undefined,
    send: (channel: string, payload: unknown) => w.sent.push([channel, payload]),
  });
  class BrowserWindow {
    record: (typeof state.windows)[number];
    webContents: ReturnType<typeof webContents>;
    constructor(options: Record<string, any>) {
      this.record = { options, sent: [] };
      state.windows.push(this.record);
      this.webContents = webContents(this.record);
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
    on() {}
    show() {}
    hide() {}
    focus() {}
    isDestroyed() {
      return false;
    }
  }
  class Tray {
    record: { menu?: MenuTemplate; tooltip?: string } = {};
    constructor() {
      state.trays.push(this.record);
    }
    setImage() {}
    setToolTip(t: string) {
      this.record.tooltip = t;
    }
    setTitle() {}
    setContextMenu(menu: MenuTemplate) {
      this.record.menu = menu;
    }
    destroy() {}
  }
  class Notification {
    static isSupported() {
      return false;
    }
    show() {}
  }
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    state,
    electron: {
      app: {
        isPackaged: false,
        requestSingleInstanceLock: () => true,
        whenReady: () => Promise.resolve(),
        getPath: () => state.userData,
        getVersion: () => '0.0.0',
        getName: () => 'RoleTray',
        on: (name: string, fn: (event: { preventDefault(): void }) => void) => appEvents.set(name, fn),
        quit: () => {
          state.quitCalls += 1;
          appEvents.get('before-quit')?.({ preventDefault: () => undefined });
        },
        exit: () => undefined,
        getLoginItemSettings: () => ({ openAtLogin: false }),
        setLoginItemSettings: () => undefined,
      },
      BrowserWindow,
      Tray,
      Notification,
      Menu: { buildFromTemplate: (t: MenuTemplate) => t },
      nativeImage: { createFromPath: () => ({ setTemplateImage: () => undefined }) },
      session: { defaultSession: { setPermissionRequestHandler: () => undefined } },
      ipcMain: {
        on: () => undefined,
        handle: (channel: string, fn: Handler) => state.handlers.set(channel, fn),
        removeHandler: (channel: string) => state.handlers.delete(channel),
      },
      shell: { openExternal: () => Promise.resolve() },
      clipboard: { writeText: (t: string) => (state.clipboard = t) },
      // A stand-in for the OS keychain: reversible, and never the clear text.
      safeStorage: {
        isEncryptionAvailable: () => true,
        encryptString: (s: string) => xor(Buffer.from(s)),
        decryptString: (b: Buffer) => xor(b).toString(),
      },
    },
  };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

let standin: SsoStandin;
let restoreEnv: () => void;
let pageUrl: string;

async function call(name: string, arg?: unknown, senderUrl = pageUrl): Promise<any> {
  const handler = fake.state.handlers.get(`roletray:${name}`);
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
  fake.state.userData = mkdtempSync(join(tmpdir(), 'roletray-electron-'));
  // Not 4144: a real RoleTray may be running on this machine.
  writeFileSync(join(fake.state.userData, 'settings.json'), JSON.stringify({ version: 1, port: await freePort() }));
  await import('./app');
  for (let i = 0; i < 200 && fake.state.trays.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  pageUrl = fake.state.windows[0]!.url!;
});

afterAll(async () => {
  restoreEnv();
  await standin.close();
});

describe('the Electron composition root (fake Electron API)', () => {
  it('opens one locked-down window on the built renderer', () => {
    expect(fake.state.windows).toHaveLength(1);
    expect(fake.state.windows[0]!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(fake.state.windows[0]!.options.webPreferences.preload).toMatch(/dist\/preload\.cjs$/);
    expect(pageUrl).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html$/);
    expect(fake.state.windows[0]!.options.show).toBe(false);
  });

  it('registers one IPC handler per operation, refusing other senders', async () => {
    expect(fake.state.handlers.size).toBe(OPERATION_NAMES.length);
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
    const tray = fake.state.trays[0]!;
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
    const pushed = fake.state.windows[0]!.sent.filter(([channel]) => channel === 'roletray:state');
    expect(pushed.length).toBeGreaterThan(0);
  });

  it('keeps secrets out of the settings file and stores slots encrypted', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const s = (await call('getState')).value as AppState;
    const secret = (await rawRequest(s.server.port!, { path: '/' })).json.SecretAccessKey as string;
    await new Promise((r) => setTimeout(r, 400)); // the slot store writes after a short debounce
    const dir = join(fake.state.userData, 'secrets');
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(join(dir, f)).includes(secret)).toBe(false);
    expect(readFileSync(join(fake.state.userData, 'settings.json'), 'utf8')).not.toContain(secret);
  });

  it('"Copy export lines" puts the exact lines on the clipboard', async () => {
    const item = menuItems(fake.state.trays[0]!.menu).find((i) => i.label === 'Copy export lines');
    item!.click!();
    await new Promise((r) => setTimeout(r, 50));
    const url = ((await call('getState')).value as AppState).server.url!;
    expect(fake.state.clipboard).toContain(`export AWS_CONTAINER_CREDENTIALS_FULL_URI='${url}'`);
  });

  it('quitting closes the server', async () => {
    const port = ((await call('getState')).value as AppState).server.port!;
    const item = menuItems(fake.state.trays[0]!.menu).find((i) => i.label === 'Quit');
    item!.click!();
    await new Promise((r) => setTimeout(r, 300));
    await expect(rawRequest(port, { path: '/healthcheck' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
