import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { UserError } from '../../common/user-error';

export const SOCKET_FILE = 'control.sock';
/** sun_path holds 104 bytes on macOS (108 on Linux), the terminating NUL included. */
const MAX_SOCKET_PATH_BYTES = 103;

/**
 * Where the owner of `configDir` listens: a Unix domain socket inside the directory, or on
 * Windows a named pipe whose name is derived from the directory (pipes live in their own
 * namespace, and Windows paths are case-insensitive). Never a TCP port.
 */
export function controlPath(configDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const digest = createHash('sha256').update(configDir.toLowerCase()).digest('hex').slice(0, 24);
    return `\\\\.\\pipe\\roletray-${digest}`;
  }
  const path = join(configDir, SOCKET_FILE);
  const bytes = Buffer.byteLength(path);
  if (bytes > MAX_SOCKET_PATH_BYTES) {
    throw new UserError(`The configuration directory's path is too long for its control socket (${path} is ${bytes} bytes; at most ${MAX_SOCKET_PATH_BYTES}): use a shorter --config-dir.`);
  }
  return path;
}
