import { spawn } from 'node:child_process';
import { UserError } from '../../common/user-error';

/** Opens a URL in the user's browser; rejects with a one-line reason (never the URL, which may be secret). */
export type Opener = (url: string) => Promise<void>;

/**
 * The platform's "open this URL" command. `$BROWSER` wins where set (the convention of xdg-open,
 * Python's webbrowser and git), which is also how tests stand in for a browser.
 */
export function browserCommand(url: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): [string, string[]] {
  if (env.BROWSER) return [env.BROWSER, [url]];
  if (platform === 'darwin') return ['open', [url]];
  // Not `cmd /c start`: cmd would read the URL's `&` as a command separator.
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

export function systemOpener(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Opener {
  return (url) =>
    new Promise((resolve, reject) => {
      const [command, args] = browserCommand(url, platform, env);
      // Detached and unreferenced: the browser outlives this command.
      const child = spawn(command, args, { detached: true, stdio: 'ignore', env });
      child.once('error', (err: NodeJS.ErrnoException) =>
        reject(new UserError(`cannot open a browser with ${command}: ${err.code === 'ENOENT' ? 'not found' : err.message} (use --print to get the URL)`)),
      );
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
}
