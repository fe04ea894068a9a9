// Runs the composition root (main/electron/run-app.ts) on the typed stand-in for Electron, in a
// fresh temp folder, as an installed app: its own userData, home and logs, an app root whose
// renderer is one index.html, and (when asked) the command-line tool it ships.
// The calling test file must vi.mock('electron') with test-support/fake-electron.ts.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import type { AppState, MfaPromptView } from '../preload/api';
import type { Host } from '../main/electron/run-app';
import { fake } from './fake-electron';
import { freePort } from './free-port';
import { isolateAwsEnvironment } from './sso-standin';
import { startStsStandin, type StsStandin, type StsUser } from './sts-standin';

type Platform = 'linux' | 'darwin' | 'win32';

export interface FakeElectronApp {
  /** The temp folder holding the others, for whatever else a test needs beside them. */
  base: string;
  userData: string;
  home: string;
  logs: string;
  /** The folder holding dist/. */
  root: string;
  /** The shipped command-line tool, when the app was given one. */
  cli?: string;
  /** What the app wrote to stderr (its log lines), kept here rather than in the test output. */
  stderr: string[];
}

export interface FakeElectronAppOptions {
  platform: Platform;
  execPath: string;
  /** settings.json besides its version and a free port (never 4144: a real RoleTray may be running here). */
  settings?: Record<string, unknown>;
  /** The renderer's index.html; a bare CSP by default. */
  page?: string;
  /** The file name of the command-line tool in resources/bin/, for an app that ships one. */
  cli?: string;
  /** The app's environment, which may name its folders; this process's by default. */
  env?: (app: FakeElectronApp) => NodeJS.ProcessEnv;
  now?: Host['now'];
}

/** Starts the app up to Electron's `ready`, which the test makes happen (fake.becomeReady()) when it wants. */
export async function runOnFakeElectron(options: FakeElectronAppOptions): Promise<FakeElectronApp> {
  const base = mkdtempSync(join(tmpdir(), `roletray-electron-${options.platform}-`));
  const app: FakeElectronApp = { base, userData: join(base, 'userData'), home: join(base, 'home'), logs: join(base, 'logs'), root: join(base, 'app'), stderr: [] };
  const resources = join(base, 'resources');
  mkdirSync(app.userData, { recursive: true });
  mkdirSync(join(app.root, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(app.root, 'dist', 'renderer', 'index.html'), options.page ?? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`);
  writeFileSync(join(app.userData, 'settings.json'), JSON.stringify({ version: 1, port: await freePort(), ...options.settings }));
  if (options.cli) {
    app.cli = join(resources, 'bin', options.cli);
    mkdirSync(join(resources, 'bin'), { recursive: true });
    writeFileSync(app.cli, options.platform === 'win32' ? 'MZ' : '#!/bin/sh\n');
    chmodSync(app.cli, 0o755);
  }
  fake.configure({ platform: options.platform, userData: app.userData, home: app.home, logs: app.logs, isPackaged: true });
  const { runApp } = await import('../main/electron/run-app');
  runApp({
    platform: options.platform,
    env: options.env?.(app) ?? { ...process.env },
    execPath: options.execPath,
    resourcesPath: options.cli ? resources : undefined,
    root: app.root,
    now: options.now ?? Date.now,
    stderr: (text) => void app.stderr.push(text),
  });
  return app;
}

/** The app's page, as the IPC door sees a call from its window. */
export const APP_PAGE = 'roletray://app/index.html';

/** Calls an operation as the window does: through the IPC handler the app registered, from its page (or `senderUrl`). */
export async function callFromWindow(name: string, arg?: unknown, senderUrl = APP_PAGE): Promise<any> {
  const handler = fake.record.ipcHandlers.get(`roletray:${name}`);
  if (!handler) throw new Error(`no IPC handler for ${name}`);
  return handler({ senderFrame: { url: senderUrl } } as never, arg);
}

/** The state the window would be given now. */
export async function windowState(): Promise<AppState> {
  return ((await callFromWindow('getState')) as { value: AppState }).value;
}

/** A tray menu item as the stand-in records it. */
export type TrayMenuItem = { label?: string; click?: () => void; checked?: boolean; enabled?: boolean; type?: string };
export const trayMenu = () => (fake.record.trays[0]?.menu ?? []) as TrayMenuItem[];
export const trayLabels = () => trayMenu().map((i) => i.label);
export const trayItem = (label: string) => trayMenu().find((i) => i.label === label);

/** Each check of the app's doing is retried every 20 ms until it has acted. */
export const SETTLES = { timeout: 6_000, interval: 20 };

/** The MFA prompt for `profileName`, once the core has raised it. */
export function promptFor(profileName: string): Promise<MfaPromptView> {
  return vi.waitFor(async () => {
    const prompt = (await windowState()).mfaPrompts.find((p) => p.profileName === profileName);
    expect(prompt, `a prompt for ${profileName}`).toBeDefined();
    return prompt!;
  }, SETTLES);
}

/**
 * The app on Linux, configured already (its window stays hidden at start), ready, with its tray,
 * and with IAM users of `names` added from the window: each has an MFA device at the STS stand-in,
 * which the SDK's own endpoint resolution takes, as the app's STS calls would take AWS.
 */
export async function runWithMfaUsers(names: readonly string[]): Promise<{ sts: StsStandin; users: Record<string, StsUser>; close(): Promise<void> }> {
  const sts = await startStsStandin();
  const users = Object.fromEntries(names.map((name) => [name, sts.addUser({ userName: name, accountId: '111111111111', mfa: {} })]));
  const restoreEnv = isolateAwsEnvironment({ AWS_ENDPOINT_URL_STS: sts.url });
  await runOnFakeElectron({
    platform: 'linux',
    execPath: '/opt/RoleTray/roletray',
    settings: { ssoInstances: [{ startUrl: 'https://example-sso.awsapps.com/start', region: 'eu-west-1' }] },
  });
  fake.becomeReady();
  await vi.waitFor(() => expect(fake.record.trays, 'the tray exists').toHaveLength(1), SETTLES);
  for (const user of Object.values(users)) {
    expect(await callFromWindow('addIamUser', { name: user.userName, accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey, mfaSerial: user.mfa!.serial })).toEqual({ ok: true, value: undefined });
  }
  return {
    sts,
    users,
    close: async () => {
      restoreEnv();
      await sts.close();
    },
  };
}
