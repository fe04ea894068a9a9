import { spawn } from 'node:child_process';
import { UserError } from '../../common/user-error';

/** A browser that was started: `exited` settles when its launcher process has ended. */
export interface Launched {
  exited: Promise<void>;
}

/** Starts the user's browser on a page (a path or URL); rejects with a one-line reason that never names the page. */
export type Launcher = (target: string) => Promise<Launched>;

/** Opens a page in the user's browser, for callers that need not know when the launcher ends. */
export type Opener = (target: string) => Promise<void>;

/**
 * The platform's "open this" command. `$BROWSER` wins where set (the convention of xdg-open,
 * Python's webbrowser and git), which is also how tests stand in for a browser.
 */
export function browserCommand(target: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): [string, string[]] {
  if (env.BROWSER) return [env.BROWSER, [target]];
  if (platform === 'darwin') return ['open', [target]];
  // Not `cmd /c start`: cmd would read a URL's `&` as a command separator.
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', target]];
  return ['xdg-open', [target]];
}

export function systemOpener(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Opener {
  const launch = systemLauncher(env, platform);
  return async (target) => void (await launch(target));
}

export function systemLauncher(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Launcher {
  return (target) =>
    new Promise((resolve, reject) => {
      const [command, args] = browserCommand(target, platform, env);
      // Detached and unreferenced: the browser outlives this command.
      const child = spawn(command, args, { detached: true, stdio: 'ignore', env });
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.once('error', (err: NodeJS.ErrnoException) =>
        reject(new UserError(`cannot open a browser with ${command}: ${err.code === 'ENOENT' ? 'not found' : err.message} (use --print to get the URL)`)),
      );
      child.once('spawn', () => {
        child.unref();
        resolve({ exited });
      });
    });
}
