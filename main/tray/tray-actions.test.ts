import { describe, expect, it } from 'vitest';
import { appState, START_URL } from '../../test-support/app-state';
import { OPERATION_NAMES, type Result } from '../../preload/api';
import type { OperationHandlers } from '../app/ipc-door';
import { runTrayAction } from './tray-actions';

function setup(platform: NodeJS.Platform = 'linux') {
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
  const shell = { copy: (t: string) => effects.push(`copy ${t}`), showWindow: () => effects.push('show'), quit: () => effects.push('quit'), platform };
  return { calls, effects, run: (a: Parameters<typeof runTrayAction>[0], state = appState()) => runTrayAction(a, ops, state, shell) };
}

describe('runTrayAction', () => {
  it('loads a role into the default slot and unloads through the shared operations', async () => {
    const s = setup();
    await s.run({ type: 'loadRole', roleKey: 'k' });
    await s.run({ type: 'unload', slot: '' });
    expect(s.calls).toEqual([['loadRole', { roleKey: 'k' }], ['unload', '']]);
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
});
