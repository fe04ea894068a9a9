import { describe, expect, it } from 'vitest';
import { appState, START_URL } from '../../test-support/app-state';
import { OPERATION_NAMES, type Result } from '../../preload/api';
import type { OperationHandlers } from '../app/ipc-door';
import { runTrayAction } from './tray-actions';

function setup(platform: NodeJS.Platform = 'linux', clipboard: () => Promise<void> = async () => undefined) {
  const calls: [string, unknown][] = [];
  const effects: string[] = [];
  const ops = Object.fromEntries(
    OPERATION_NAMES.map((name) => [
      name,
      async (arg: unknown): Promise<Result<unknown>> => {
        calls.push([name, arg]);
        return { ok: true, value: name === 'envLines' ? ['export A=1', 'export B=2'] : undefined };
      },
    ]),
  ) as unknown as OperationHandlers;
  const shell = {
    copy: async (t: string) => {
      await clipboard();
      effects.push(`copy ${t}`);
    },
    showWindow: (screen?: string) => void effects.push(screen ? `show ${screen}` : 'show'),
    revealLogs: () => void effects.push('reveal logs'),
    installCli: async (): Promise<Result<unknown>> => {
      effects.push('install cli');
      return { ok: false, error: 'no executable' };
    },
    quit: () => void effects.push('quit'),
    platform,
  };
  return { calls, effects, run: (a: Parameters<typeof runTrayAction>[0], state = appState()) => runTrayAction(a, ops, state, shell) };
}

describe('runTrayAction', () => {
  it('loads a role into the default slot and unloads through the shared operations', async () => {
    const s = setup();
    await s.run({ type: 'loadRole', roleKey: 'k' });
    await s.run({ type: 'unload', slot: '' });
    expect(s.calls).toEqual([['loadRole', { roleKey: 'k' }], ['unload', '']]);
  });

  it('loads a chain or IAM user by its profile name into the default slot, and opens no window itself', async () => {
    const s = setup();
    await s.run({ type: 'loadProfile', profile: 'deploy' });
    expect(s.calls).toEqual([['loadProfile', { profile: 'deploy' }]]);
    expect(s.effects).toEqual([]);
  });

  it('copies the export lines for the platform shell', async () => {
    const linux = setup('linux');
    await linux.run({ type: 'copyEnv' });
    expect(linux.calls).toEqual([['envLines', { shell: 'sh', revealToken: true }]]);
    expect(linux.effects).toEqual(['copy export A=1\nexport B=2\n']);
    const win = setup('win32');
    await win.run({ type: 'copyEnv' });
    expect(win.calls).toEqual([['envLines', { shell: 'powershell', revealToken: true }]]);
  });

  it('toggles start at login from the current setting, opens the window for sign-in, quits', async () => {
    const s = setup();
    const state = appState();
    state.settings.startAtLogin = true;
    await s.run({ type: 'toggleStartAtLogin' }, state);
    await s.run({ type: 'signIn', startUrl: START_URL, region: 'eu-west-1' });
    await s.run({ type: 'quit' });
    expect(s.calls).toEqual([
      ['updateSettings', { startAtLogin: false }],
      ['signIn', { startUrl: START_URL, region: 'eu-west-1' }],
    ]);
    expect(s.effects).toEqual(['show', 'quit']);
  });

  it('"Enter MFA code…" opens the window (its code dialog is on every screen) and calls nothing', async () => {
    const s = setup();
    expect(await s.run({ type: 'enterMfa' })).toEqual({ ok: true, value: undefined });
    expect(s.effects).toEqual(['show']);
    expect(s.calls).toEqual([]);
  });

  it('waits for the clipboard, and says so when the copy failed', async () => {
    let finish!: () => void;
    const slow = setup('linux', () => new Promise<void>((resolve) => (finish = resolve)));
    let settled = false;
    const running = slow.run({ type: 'copyEnv' }).then((r) => ((settled = true), r));
    // A flush, not a sleep: every promise step that can run has run before setImmediate's callback.
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    expect(slow.effects).toEqual([]);
    finish();
    expect(await running).toEqual({ ok: true, value: ['export A=1', 'export B=2'] });
    expect(slow.effects).toEqual(['copy export A=1\nexport B=2\n']);

    const failing = setup('linux', async () => {
      throw new Error('clipboard is busy');
    });
    expect(await failing.run({ type: 'copyEnv' })).toEqual({ ok: false, error: 'The export lines could not be put on the clipboard (clipboard is busy); copy them from the window instead.' });
  });

  it('retries the server on its port, opens Settings to change it, reveals the logs, installs the CLI', async () => {
    const s = setup();
    const state = appState();
    state.settings.port = 4150;
    await s.run({ type: 'retryServer' }, state);
    await s.run({ type: 'changePort' });
    await s.run({ type: 'revealLogs' });
    expect(await s.run({ type: 'installCli' })).toEqual({ ok: false, error: 'no executable' });
    expect(s.calls).toEqual([['updateSettings', { port: 4150 }]]);
    expect(s.effects).toEqual(['show server', 'reveal logs', 'install cli']);
  });
});
