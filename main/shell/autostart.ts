import { mkdir, readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { writeFileAtomic } from '../secrets/atomic-file';

/**
 * Start at login on Linux: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/roletray.desktop`
 * (Electron's login-item API is macOS and Windows only). The spec ignores a relative
 * XDG_CONFIG_HOME, and so does this.
 */
export function autostartFile(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart', 'roletray.desktop');
}

/** What to start: an AppImage runs from a temporary mount, so the entry names the .AppImage file itself. */
export function launchPath(env: NodeJS.ProcessEnv, execPath: string): string {
  return env.APPIMAGE && isAbsolute(env.APPIMAGE) ? env.APPIMAGE : execPath;
}

const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One argument of an `Exec` value, per the Desktop Entry spec: quoted when it holds a reserved
 * character, with `"` `` ` `` `$` `\` escaped inside the quotes, and `%` doubled (it starts a
 * field code). The string-value escapes apply on top, since readers undo those first.
 */
export function execArgument(arg: string): string {
  const quoted = arg === '' || RESERVED.test(arg) ? `"${arg.replace(/["`$\\]/g, '\\$&')}"` : arg;
  return quoted.replaceAll('%', '%%');
}

function stringValue(value: string): string {
  return value.replace(/[\\\n\t\r]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c]!);
}

export function desktopEntry(program: string): string {
  // The spec forbids "=" in the program's name or path: no quoting makes such a path valid.
  if (program.includes('=')) throw new Error(`Start at login cannot name ${program}: the autostart format does not allow "=" in the program's path`);
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    'Name=RoleTray',
    'Comment=AWS role credentials for every SDK, from the tray',
    `Exec=${stringValue(execArgument(program))}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes the entry (only when it differs, so an AppImage that moved is followed) or removes it. */
export async function setAutostart(file: string, program: string | undefined): Promise<void> {
  if (program === undefined) {
    await rm(file, { force: true });
    return;
  }
  const entry = desktopEntry(program);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === entry) return;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, entry, 0o644);
}
