import type { AppState, Result } from '../../preload/api';
import type { OperationHandlers } from '../app/ipc-door';
import type { TrayAction } from './tray-menu';

/** What only the shell can do: the clipboard, the window, quitting. */
export interface ShellEffects {
  copy(text: string): void;
  showWindow(): void;
  quit(): void;
  platform: NodeJS.Platform;
}

/** Carries out a tray click through the same operations the window uses. */
export async function runTrayAction(action: TrayAction, ops: OperationHandlers, state: AppState, shell: ShellEffects): Promise<Result<unknown>> {
  switch (action.type) {
    case 'loadRole':
      return ops.loadRole({ roleKey: action.roleKey });
    case 'unload':
      return ops.unload(action.slot);
    case 'copyEnv': {
      const lines = await ops.envLines({ shell: shell.platform === 'win32' ? 'powershell' : 'sh', revealToken: true });
      if (lines.ok) shell.copy(`${lines.value.join('\n')}\n`);
      return lines;
    }
    case 'openConsole':
      return ops.openConsole({ slot: '' });
    case 'signIn':
      shell.showWindow();
      return ops.signIn({ startUrl: action.startUrl, region: action.region });
    case 'open':
      shell.showWindow();
      return { ok: true, value: undefined };
    case 'toggleStartAtLogin':
      return ops.updateSettings({ startAtLogin: !state.settings.startAtLogin });
    case 'quit':
      shell.quit();
      return { ok: true, value: undefined };
  }
}
