import { execFileSync, spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

/** pyenv's `python3` is a shim that needs the real HOME; the session runs the interpreter it points at. */
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

/**
 * Runs argv[1:] on a pseudo-terminal (Python's pty module: Node has none) and relays it: what the
 * program writes to its terminal comes out on stdout, what is written to stdin is typed on the
 * terminal. Ends when the program closes the terminal, or after 60 s of silence (then it is
 * killed); the exit code is the last line on stderr.
 */
const RELAY = `
import json, os, pty, select, signal, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
stdin = sys.stdin.fileno()
typing = True
while True:
    ready, _, _ = select.select([fd] + ([stdin] if typing else []), [], [], 60)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        break
    if fd in ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        if not data:
            break
        os.write(1, data)
    if stdin in ready:
        data = os.read(stdin, 4096)
        if data:
            os.write(fd, data)
        else:
            typing = False
_, status = os.waitpid(pid, 0)
sys.stderr.write(json.dumps({"code": os.waitstatus_to_exitcode(status)}) + "\\n")
`;

export interface PtySession {
  /** The text the program wrote to its terminal so far (the echo of what was typed included), without cursor movements and colours. */
  output(): string;
  /** Resolves when the output matches `pattern`; rejects after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  /** Types on the terminal (`\r` is Enter, `\x03` Ctrl-C). */
  type(text: string): void;
  /** The program's exit code (130 for a program that exits on Ctrl-C as it should). */
  exited: Promise<number>;
}

export function startInPty(argv: string[], env: NodeJS.ProcessEnv): PtySession {
  const child = spawn(PYTHON, ['-c', RELAY, ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    for (const check of waiters) check();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<number>((resolve, reject) =>
    child.on('close', () => {
      const last = err.trim().split('\n').pop() ?? '';
      try {
        resolve((JSON.parse(last) as { code: number }).code);
      } catch {
        reject(new Error(`the pty relay ended without an exit code: ${err}`));
      }
    }),
  );
  const text = () => stripVTControlCharacters(out);
  return {
    output: text,
    waitFor: (pattern, ms = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`never saw ${pattern} on the terminal; it showed: ${JSON.stringify(text())}`));
        }, ms);
        const check = () => {
          if (!pattern.test(text())) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
    type: (text) => void child.stdin.write(text),
    exited,
  };
}
