// The composition root on Linux, run in Node against the typed stand-in for Electron
// (test-support/fake-electron.ts): each test drives it as Electron and the person would (events,
// tray clicks, IPC from the page) and asserts on what the person would notice.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatExpires } from '../../common/time-format';
import { SLOTS_SECRET } from '../credentials/persistence';
import { OPERATION_NAMES, type AppState } from '../../preload/api';
import { makeCreds, putBody } from '../../test-support/credentials';
import { fake } from '../../test-support/fake-electron';
import { callFromWindow, runOnFakeElectron, type FakeElectronApp } from '../../test-support/fake-electron-app';
import { rawRequest } from '../../test-support/http';
import { isolateAwsEnvironment, startSsoStandin, type SsoStandin } from '../../test-support/sso-standin';

vi.mock('electron', async () => {
  const { electron } = await import('../../test-support/fake-electron');
  return { ...electron, default: electron };
});

type MenuItem = { label?: string; click?: () => void; submenu?: MenuItem[] };

const seen = fake.record;
/** Long enough for a sign-in and a catalogue through the stand-in; each check is retried every 20 ms. */
const SETTLES = { timeout: 6_000, interval: 20 };
const win = () => seen.windows[0]!;

function menuItem(label: string): MenuItem {
  const items = (seen.trays[0]!.menu ?? []) as MenuItem[];
  const item = items.flatMap((i) => [i, ...(i.submenu ?? [])]).find((i) => i.label === label);
  if (!item?.click) throw new Error(`no tray item "${label}"`);
  return item;
}

describe('the Electron composition root on Linux (typed stand-in for Electron)', () => {
  let standin: SsoStandin;
  let restoreEnv: () => void;
  let app: FakeElectronApp;
  let pageUrl: string;
  /** How far the app's wall clock is ahead of the real one: time "asleep" that no timer counted. */
  let asleep = 0;

  const call = (name: string, arg?: unknown, senderUrl = pageUrl) => callFromWindow(name, arg, senderUrl);

  async function state(): Promise<AppState> {
    return (await call('getState')).value as AppState;
  }

  /** The bearer token the first run generated, asked for as the window asks for it. */
  async function ownerToken(): Promise<Record<string, string>> {
    return { authorization: (await call('revealToken')).value as string };
  }

  /** What the app saved of its slots, read back through its own keychain-sealed store. */
  async function savedSlots(): Promise<string> {
    const { openAppSecrets } = await import('./secrets');
    return (await (await openAppSecrets(app.userData, 'linux')).store.get(SLOTS_SECRET)) ?? '';
  }

  beforeAll(async () => {
    standin = await startSsoStandin({ accounts: 5, rolesPerAccount: 2, interval: 1, pendingPolls: 0 });
    restoreEnv = isolateAwsEnvironment({ AWS_ENDPOINT_URL_SSO: standin.url, AWS_ENDPOINT_URL_SSO_OIDC: standin.url });
    // No IAM Identity Center in the settings yet: a first run.
    app = await runOnFakeElectron({
      platform: 'linux',
      execPath: '/opt/RoleTray/roletray',
      cli: 'roletray',
      page: `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'"><title>RoleTray</title><div id="root">the renderer</div>`,
      env: ({ base, home }) => ({ ...process.env, XDG_CONFIG_HOME: join(base, 'config'), ROLETRAY_E2E: '1', PATH: `/usr/bin:${join(home, '.local', 'bin')}` }),
      now: () => Date.now() + asleep,
    });
    expect(seen.privilegedSchemes.map((s) => s.scheme)).toEqual(['roletray']);
    fake.becomeReady();
    pageUrl = await vi.waitFor(() => {
      expect(seen.trays).toHaveLength(1);
      expect(win()?.url).toBeDefined();
      return win().url!;
    }, SETTLES);
  });

  afterAll(async () => {
    restoreEnv();
    await standin.close();
  });

  it('serves the window from roletray://app through the protocol handler it registered', async () => {
    expect(seen.privilegedSchemes).toEqual([{ scheme: 'roletray', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }]);
    expect(pageUrl).toBe('roletray://app/index.html');
    const page = await fake.fetch(pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; script-src 'self'");
    expect(await page.text()).toContain('the renderer');
    expect(win().webContents.reloads).toBe(0);
  });

  it('opens one locked-down window with no application menu (no DevTools, no reload keys)', () => {
    expect(seen.windows).toHaveLength(1);
    expect(win().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(win().options.webPreferences?.preload).toBe(join(app.root, 'dist', 'preload.cjs'));
    expect(seen.applicationMenu).toEqual([null]);
    expect(win().webContents.navigate('https://attacker.example/')).toBe(false);
    expect(win().webContents.navigate('roletray://app/index.html#/slots')).toBe(true);
  });

  it('shows the window on first run (nothing configured yet), in front and focused', () => {
    expect(win().visible).toBe(true);
    expect(win().focused).toBe(true);
  });

  it('a second launch brings the window back from hidden or minimized', () => {
    expect(win().close()).toBe(true);
    expect(win().visible).toBe(false);
    win().minimize();
    fake.app.emit('second-instance', {}, ['roletray'], '/');
    expect(win()).toMatchObject({ visible: true, minimized: false, focused: true });
  });

  it('lets the app page write to the clipboard and refuses every other permission and page', async () => {
    expect(await fake.requestPermission('clipboard-sanitized-write', 'roletray://app/index.html')).toBe(true);
    expect(await fake.requestPermission('geolocation', 'roletray://app/index.html')).toBe(false);
    expect(await fake.requestPermission('clipboard-sanitized-write', 'https://attacker.example/')).toBe(false);
    expect(fake.checkPermission('clipboard-sanitized-write', 'roletray://app')).toBe(true);
    expect(fake.checkPermission('notifications', 'roletray://app')).toBe(false);
    expect(fake.checkPermission('clipboard-sanitized-write', 'file://')).toBe(false);
  });

  it('registers one IPC handler per operation, refusing other senders', async () => {
    expect(seen.ipcHandlers.size).toBe(OPERATION_NAMES.length);
    const refused = { ok: false, error: 'Refused: the request did not come from the RoleTray window' };
    expect(await call('unloadAll', undefined, 'https://attacker.example/')).toEqual(refused);
    expect(await call('unloadAll', undefined, 'file:///tmp/evil.html')).toEqual(refused);
    expect((await state()).server.listening).toBe(true);
  });

  it('ignores test hooks in an installed app', () => {
    expect((globalThis as { roletrayTestHooks?: unknown }).roletrayTestHooks).toBeUndefined();
  });

  it('a tray click on a recent role loads it into the default slot; the tray counts it down and the server serves it', async () => {
    await call('signIn', { startUrl: standin.startUrl, region: standin.region });
    await vi.waitFor(async () => expect((await state()).sso[0]?.roleCount, 'the catalogue is in').toBe(10), SETTLES);
    const roles = (await call('listRoles')).value as { key: string; profileName: string; accountId: string; roleName: string }[];
    const picked = roles[3]!;
    expect(await call('loadRole', { roleKey: picked.key, slot: 'other' })).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await state()).recents, 'the role is a recent one').toHaveLength(1), SETTLES);
    menuItem(picked.profileName).click!();
    const loaded = await vi.waitFor(async () => {
      const slot = (await state()).slots.find((x) => x.name === '');
      expect(slot, 'the default slot is loaded').toMatchObject({ profileName: picked.profileName });
      return slot!;
    }, SETTLES);
    const issued = standin.stats.issuedCredentials.filter((c) => c.accountId === picked.accountId && c.roleName === picked.roleName).at(-1)!;
    // Drawn at some moment between the credentials' issue (an hour before they expire) and now: the
    // text is the countdown at that moment ("1h" if in the same millisecond, else "59m").
    const drawnAt = [issued.expiration - 3_600_000, Date.now()];
    const possible = drawnAt.map((t) => `RoleTray — ${picked.profileName} · ${formatExpires(loaded.expiresAt - t)}`);
    expect(possible).toContain(seen.trays[0]!.tooltip);
    const answer = await rawRequest((await state()).server.port!, { path: '/', headers: await ownerToken() });
    expect(answer.status).toBe(200);
    expect(answer.json.AccessKeyId).toBe(issued.accessKeyId);
    expect(win().webContents.sent.filter(([channel]) => channel === 'roletray:state').length).toBeGreaterThan(0);
  });

  it('keeps secrets out of the settings file and stores slots under the keychain-sealed key', async () => {
    const secret = (await rawRequest((await state()).server.port!, { path: '/', headers: await ownerToken() })).json.SecretAccessKey as string;
    // The slot store writes shortly after a change: once the saved slots hold the default slot, every file is as it will stay.
    await vi.waitFor(async () => expect(await savedSlots()).toContain(secret), SETTLES);
    const files = readdirSync(join(app.userData, 'secrets'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(join(app.userData, 'secrets', f)).includes(secret)).toBe(false);
    expect(readFileSync(join(app.userData, 'settings.json'), 'utf8')).not.toContain(secret);
    expect(readFileSync(join(app.userData, 'secret-key.sealed')).subarray(0, 3).toString()).toBe('v11');
  });

  it('after sleep (resume), refreshes at once a slot that came inside its refresh window meanwhile', async () => {
    const before = standin.stats.issuedCredentials.length;
    const old = (await state()).slots.find((s) => s.name === '')!;
    // 45 minutes asleep: the wall clock moved, the refresh timer (due 40 minutes after loading) did not fire.
    asleep = 45 * 60_000;
    // A real wait: only the resume may start the refresh, so anything else gets its chance to first.
    await new Promise((r) => setTimeout(r, 100));
    expect(standin.stats.issuedCredentials.length).toBe(before);
    fake.powerMonitor.emit('resume');
    await vi.waitFor(() => expect(standin.stats.issuedCredentials.length, 'new credentials were fetched').toBeGreaterThan(before), SETTLES);
    const fresh = await vi.waitFor(async () => {
      const slot = (await state()).slots.find((s) => s.name === '');
      expect(slot?.expiresAt, 'the slot holds them').toBeGreaterThan(old.expiresAt);
      return slot!;
    }, SETTLES);
    expect(fresh.profileName).toBe(old.profileName);
    asleep = 0;
  });

  it('"Copy export lines" waits for the clipboard and puts the exact lines there', async () => {
    menuItem('Copy export lines').click!();
    const url = (await state()).server.url!;
    await vi.waitFor(() => expect(seen.clipboard.at(-1), 'the clipboard was written').toContain(`export AWS_CONTAINER_CREDENTIALS_FULL_URI='${url}'`), SETTLES);
  });

  it('a tray action that fails reaches the window\'s notices, the log and a notification', async () => {
    fake.configure({ clipboardFailure: 'the clipboard is owned by another application' });
    try {
      menuItem('Copy export lines').click!();
      const message = 'The export lines could not be put on the clipboard (the clipboard is owned by another application); copy them from the window instead.';
      await vi.waitFor(async () => expect((await state()).notices).toContainEqual(expect.objectContaining({ level: 'error', message })), SETTLES);
      expect(seen.notifications.at(-1)).toEqual({ title: 'RoleTray', body: message });
      expect(readFileSync(join(app.logs, 'roletray.log'), 'utf8')).toContain(`"message":${JSON.stringify(message)}`);
    } finally {
      fake.configure({ clipboardFailure: undefined });
    }
  });

  it('"Start at login" writes the XDG autostart entry for the installed executable, and removes it', async () => {
    const entry = join(app.base, 'config', 'autostart', 'roletray.desktop');
    expect(existsSync(entry)).toBe(false);
    menuItem('Start at login').click!();
    await vi.waitFor(() => expect(existsSync(entry), 'the autostart entry exists').toBe(true), SETTLES);
    expect(readFileSync(entry, 'utf8')).toContain('\nExec=/opt/RoleTray/roletray\n');
    expect((await state()).settings.startAtLogin).toBe(true);
    menuItem('Start at login').click!();
    await vi.waitFor(() => expect(existsSync(entry), 'the autostart entry is gone').toBe(false), SETTLES);
    expect(seen.loginItems).toEqual([]);
  });

  it('announces credentials entering their last ten minutes when that moment comes, with no other change', async () => {
    const s = await state();
    const creds = makeCreds({ roleName: 'Pushed' }, Date.now() - 3_600_000 + 10 * 60_000 + 1_500);
    expect((await rawRequest(s.server.port!, { method: 'PUT', path: '/slot/pushed', headers: { ...(await ownerToken()), 'content-type': 'application/json' }, body: JSON.stringify(putBody('pushed', creds)) })).status).toBe(200);
    // A real wait: the alert must not come before its moment, 1.5 s away.
    await new Promise((r) => setTimeout(r, 500));
    const alert = { level: 'warning', message: 'pushed (slot pushed) expires in 9m.' };
    expect((await state()).notices).not.toContainEqual(expect.objectContaining(alert));
    await vi.waitFor(async () => expect((await state()).notices).toContainEqual(expect.objectContaining(alert)), SETTLES);
    expect(seen.notifications.at(-1)).toEqual({ title: 'Credentials expiring', body: 'pushed (slot pushed) expires in 9m.' });
  });

  it('a port in use is explained with the Port setting, not a command-line flag', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const port = (busy.address() as { port: number }).port;
      const answer = await call('updateSettings', { port });
      const advice = `Port ${port} on 127.0.0.1 is already in use (another RoleTray or credential server?). Stop it, or choose another port under Server › Port.`;
      expect(answer).toEqual({ ok: false, error: advice });
      const s = await state();
      expect(s.server.error).toBe(advice);
      expect(s.server.listening).toBe(true);
    } finally {
      busy.close();
    }
  });

  it('"Install command-line tool…" links the shipped executable, and the config lines name it', async () => {
    menuItem('Install command-line tool…').click!();
    const link = join(app.home, '.local', 'bin', 'roletray');
    const installed = { level: 'info', message: `The roletray command is installed as ${link}. Open a new terminal and run \`roletray --help\`.` };
    await vi.waitFor(async () => expect((await state()).notices).toContainEqual(expect.objectContaining(installed)), SETTLES);
    expect(readlinkSync(link)).toBe(app.cli!);
    const lines = (await call('credentialProcessLines', 'other')).value as string[];
    expect(lines.join('\n')).toContain(app.cli!);
  });

  it('"Reveal logs" shows the log file, which holds the app\'s log lines', () => {
    menuItem('Reveal logs').click!();
    expect(seen.opened.shownInFolder).toEqual([join(app.logs, 'roletray.log')]);
    expect(readFileSync(join(app.logs, 'roletray.log'), 'utf8')).toContain('"message":"ready"');
  });

  it('reloads a window whose page failed, and tells the person when it fails again', async () => {
    const contents = win().webContents;
    contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', pageUrl, true);
    expect(contents.reloads).toBe(0);
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(contents.reloads).toBe(1);
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(contents.reloads).toBe(1);
    const message = "RoleTray's window stopped (crashed). Quit RoleTray and start it again; the log has the details.";
    expect(seen.messageBoxes.at(-1)).toMatchObject({ type: 'error', message });
    expect((await state()).notices).toContainEqual(expect.objectContaining({ level: 'error', message }));
  });

  it('quitting closes the server', async () => {
    const port = (await state()).server.port!;
    menuItem('Quit').click!();
    await vi.waitFor(() => expect(seen.quit, 'the app quit').toBe(true), SETTLES);
    await expect(rawRequest(port, { path: '/healthcheck' })).rejects.toThrow(/ECONNREFUSED/);
    expect(seen.trays[0]!.destroyed).toBe(true);
  });
});
