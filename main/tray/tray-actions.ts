import type { AppState, Result } from '../../preload/api';
import type { OperationHandlers } from '../app/ipc-door';
import type { TrayAction } from './tray-menu';

/** What only the shell can do: the clipboard, the window, the log folder, linking the CLI, quitting. */
export interface ShellEffects {
  /** Resolves once the text is on the clipboard (Electron 45's clipboard.writeText is a Promise). */
  copy(text: string): Promise<void>;
  showWindow(screen?: 'server'): void;
  revealLogs(): void;
  installCli(): Promise<Result<unknown>>;
  quit(): void;
  platform: NodeJS.Platform;
}

/** Carries out a tray click through the same operations the window uses. */
export async function runTrayAction(action: TrayAction, ops: OperationHandlers, state: AppState, shell: ShellEffects): Promise<Result<unknown>> {
  switch (action.type) {
    case 'loadRole':
      return ops.loadRole({ roleKey: action.roleKey });
    case 'loadProfile':
      // An MFA code it needs is asked as for any load: the prompt brings the window forward.
      return ops.loadProfile({ profile: action.profile });
    case 'unload':
      return ops.unload(action.slot);
    case 'copyEnv': {
      const lines = await ops.envLines({ shell: shell.platform === 'win32' ? 'powershell' : 'sh', revealToken: true });
      if (!lines.ok) return lines;
      try {
        await shell.copy(`${lines.value.join('\n')}\n`);
      } catch (err) {
        return { ok: false, error: `The export lines could not be put on the clipboard (${(err as Error).message}); copy them from the window instead.` };
      }
      return lines;
    }
    case 'openConsole':
      return ops.openConsole({ slot: '' });
    case 'signIn':
      shell.showWindow();
      return ops.signIn({ startUrl: action.startUrl, region: action.region });
    case 'open':
    case 'enterMfa':
      shell.showWindow();
      return { ok: true, value: undefined };
    case 'toggleStartAtLogin':
      return ops.updateSettings({ startAtLogin: !state.settings.startAtLogin });
    case 'retryServer':
      // The same port again: the server listens anew when it is not listening.
      return ops.updateSettings({ port: state.settings.port });
    case 'changePort':
      shell.showWindow('server');
      return { ok: true, value: undefined };
    case 'revealLogs':
      shell.revealLogs();
      return { ok: true, value: undefined };
    case 'installCli':
      return shell.installCli();
    case 'quit':
      shell.quit();
      return { ok: true, value: undefined };
  }
}
