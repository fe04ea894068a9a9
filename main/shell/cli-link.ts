import { lstat, mkdir, readlink, rm, stat, symlink } from 'node:fs/promises';
import { delimiter, join, resolve, win32 } from 'node:path';
import type { Result } from '../../preload/api';

/**
 * Where "Install command-line tool" links `roletray` on macOS and Linux: ~/.local/bin, the
 * per-user bin folder of the XDG layout (on the PATH of most Linux desktops, and of pipx and
 * similar tools on macOS). A folder of the person's own means no administrator prompt, unlike VS
 * Code's /usr/local/bin, and matches the per-user install; a link rather than a copy follows
 * the app through updates.
 */
export function cliLinkDir(home: string): string {
  return join(home, '.local', 'bin');
}

function onPath(dir: string, pathEnv: string | undefined): boolean {
  return (pathEnv ?? '').split(delimiter).some((entry) => entry !== '' && resolve(entry) === resolve(dir));
}

/**
 * Links `linkDir/roletray` to the shipped executable. A link of ours (to any target) is
 * replaced, so a moved app is followed; anything else there is left alone and reported.
 */
export async function linkCli(executable: string, linkDir: string, pathEnv: string | undefined): Promise<Result<string>> {
  if (!(await stat(executable).then((s) => s.isFile(), () => false))) {
    return { ok: false, error: `The command-line tool is missing from this installation (${executable}); reinstall RoleTray.` };
  }
  const link = join(linkDir, 'roletray');
  const found = await lstat(link).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (found && !found.isSymbolicLink()) {
    return { ok: false, error: `${link} already exists and is not a link RoleTray made; remove it, or run ${executable} directly.` };
  }
  if (!found || (await readlink(link)) !== executable) {
    if (found) await rm(link);
    await mkdir(linkDir, { recursive: true });
    await symlink(executable, link);
  }
  const where = onPath(linkDir, pathEnv)
    ? 'Open a new terminal and run `roletray --help`.'
    : `${linkDir} is not on your PATH: add \`export PATH="${linkDir}:$PATH"\` to your shell's profile, then open a new terminal.`;
  return { ok: true, value: `The roletray command is installed as ${link}. ${where}` };
}

/** Windows: the installer's bin folder is not put on the PATH behind the person's back; they are told how. */
export function windowsCliAdvice(executable: string): string {
  const dir = win32.dirname(executable);
  return (
    `The roletray command is ${executable}. To call it as \`roletray\`, add ${dir} to your user PATH ` +
    '(Start › "Edit environment variables for your account" › Path › New), then open a new terminal.'
  );
}
