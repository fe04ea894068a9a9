// A server for the bench in its own Node process: `roletray serve`, the koa reference or the bare
// node:http server, each of which prints "listening on http://127.0.0.1:PORT/" once it listens.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ListeningChild {
  child: ChildProcess;
  url: string;
  /** Resolves when the process has exited. */
  exited: Promise<unknown>;
}

/** Spawns `node ARGS` and resolves once it prints the URL it listens on; rejects if it exits first. */
export function startListening(args: string[], env: NodeJS.ProcessEnv = process.env, stderr: 'inherit' | 'ignore' = 'ignore'): Promise<ListeningChild> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', stderr] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ child, url: m[1]!, exited });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
  });
}
