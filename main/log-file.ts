import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface LogFileOptions {
  dir: string;
  /** `roletray` writes roletray.log, then roletray.1.log (newest old one) … roletray.<keep>.log. */
  name?: string;
  maxBytes?: number;
  keep?: number;
  /** Told once when the file cannot be written (a full disk must not take the app down). */
  onError?: (err: Error) => void;
}

/**
 * A size-capped log file with `keep` old files beside it, for `jsonLog`. Writes are synchronous
 * on purpose: the lines that matter most are the last ones before a failed start or a crash, and
 * a buffered stream would lose exactly those.
 */
export function logFile(options: LogFileOptions): (line: string) => void {
  const { dir, name = 'roletray', maxBytes = 1024 * 1024, keep = 3 } = options;
  const fileOf = (n: number) => join(dir, n === 0 ? `${name}.log` : `${name}.${n}.log`);
  let fd: number | undefined;
  let size = 0;
  let failed = false;

  const open = () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    fd = openSync(fileOf(0), 'a', 0o600);
    size = fstatSync(fd).size;
  };
  const rotate = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    rmSync(fileOf(keep), { force: true });
    for (let n = keep - 1; n >= 0; n--) {
      try {
        renameSync(fileOf(n), fileOf(n + 1));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    open();
  };

  return (line) => {
    if (failed) return;
    try {
      if (fd === undefined) open();
      const bytes = Buffer.from(line);
      if (size > 0 && size + bytes.length > maxBytes) rotate();
      writeSync(fd!, bytes);
      size += bytes.length;
    } catch (err) {
      failed = true;
      options.onError?.(err as Error);
    }
  };
}
