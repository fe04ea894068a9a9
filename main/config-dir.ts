import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../common/user-error';

/** The person's home: `HOME` when set and not empty (an empty one is unset, as for the shell), else the OS's answer. */
export function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

/** The configuration directory of this process: `--config-dir`, else ROLETRAY_CONFIG_DIR, else the platform's. */
export function configDirFor(flag: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  return resolveConfigDir({ flag, env, platform, home: homeOf(env) });
}

/**
 * A path as a person meant it: a leading `~` (quoted, or after `--flag=`, where no shell expands it)
 * is their home; `~user` is refused rather than created as a folder of that name.
 */
export function expandHome(what: string, value: string, home: string): string {
  if (value === '~' || value.startsWith('~/') || value.startsWith('~\\')) return resolve(home, value.slice(2));
  if (value.startsWith('~')) throw new UserError(`${what}: "${value}" starts with ~user, which RoleTray does not expand; give the full path`);
  return resolve(value);
}

export interface ConfigDirSources {
  /** `--config-dir`, when given. */
  flag?: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
}

/**
 * Where settings and headless secret files live: `--config-dir`, else `ROLETRAY_CONFIG_DIR`,
 * else the platform's own config directory (the same place Electron's userData points at).
 */
export function resolveConfigDir({ flag, env, platform, home }: ConfigDirSources): string {
  if (flag) return expandHome('--config-dir', flag, home);
  if (env.ROLETRAY_CONFIG_DIR) return expandHome('ROLETRAY_CONFIG_DIR', env.ROLETRAY_CONFIG_DIR, home);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'RoleTray');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'RoleTray');
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'RoleTray');
}
