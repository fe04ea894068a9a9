import { isAbsolute, join, resolve } from 'node:path';

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
  const chosen = flag || env.ROLETRAY_CONFIG_DIR;
  if (chosen) return resolve(chosen);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'RoleTray');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'RoleTray');
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'RoleTray');
}
