import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** pyenv's `python3` is a shim that needs the real HOME; the child runs the interpreter it points at. */
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * botocore's own default chain (as boto3 and the pip AWS CLI use it), on a clock the test moves:
 * botocore reads the time through `_local_now` and each credentials object's `_time_fetcher`,
 * and both are replaced, so its advisory and mandatory refresh windows run on that clock. Each
 * line read is the time (epoch ms); each line written is what `get_frozen_credentials` gave.
 */
const BOTOCORE = `
import datetime, json, sys
from dateutil.tz import tzutc
import botocore.credentials as bc
import botocore.session

clock = [0.0]
def now():
    return datetime.datetime.fromtimestamp(clock[0], tzutc())
bc._local_now = now
session = botocore.session.get_session()
creds = None
for line in sys.stdin:
    clock[0] = float(line) / 1000
    try:
        if creds is None:
            creds = session.get_credentials()
            creds._time_fetcher = now
        frozen = creds.get_frozen_credentials()
        left = (creds._expiry_time - now()).total_seconds()
        print(json.dumps({"ok": True, "accessKeyId": frozen.access_key, "secondsLeft": left}), flush=True)
    except Exception as e:
        print(json.dumps({"ok": False, "message": type(e).__name__ + ": " + str(e)}), flush=True)
`;

export interface ClockedAnswer {
  ok: boolean;
  accessKeyId?: string;
  /** How long the client thinks its credentials have left, on the test's clock. */
  secondsLeft?: number;
  message?: string;
}

export interface ClockedClient {
  /** Sets the client's clock to `nowMs` and asks it for credentials. */
  ask(nowMs: number): Promise<ClockedAnswer>;
  close(): Promise<void>;
}

function drive(child: ChildProcess, name: string): ClockedClient {
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async ask(nowMs) {
      child.stdin!.write(`${nowMs}\n`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name} did not answer in 20 s; stderr: ${stderr}`)), 20_000);
      });
      try {
        const next = await Promise.race([lines.next(), timeout]);
        if (next.done) throw new Error(`${name} ended; stderr: ${stderr}`);
        return JSON.parse(next.value) as ClockedAnswer;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      child.stdin!.end();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/** Real botocore in its own process and environment, on the test's clock. */
export function clockedBotocore(env: NodeJS.ProcessEnv): ClockedClient {
  return drive(spawn(PYTHON, ['-c', BOTOCORE], { env, stdio: ['pipe', 'pipe', 'pipe'] }), 'botocore');
}

/** The AWS SDK for JavaScript v3's memoized default chain in its own process, on the test's clock. */
export function clockedJsSdk(env: NodeJS.ProcessEnv): ClockedClient {
  const script = fileURLToPath(new URL('./clocked-js-sdk.mjs', import.meta.url));
  return drive(spawn(process.execPath, [script], { env, cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }), 'the JS SDK');
}

/** botocore's default chain on the real clock, asked every half second for `seconds`: one line per answer. */
const BOTOCORE_REAL_TIME = `
import json, sys, time
import botocore.session
creds = botocore.session.get_session().get_credentials()
end = time.time() + float(sys.argv[1])
while time.time() < end:
    print(json.dumps({"at": time.time() * 1000, "accessKeyId": creds.get_frozen_credentials().access_key}), flush=True)
    time.sleep(0.5)
`;

/** Real botocore looping on its credentials for at most `seconds` (it ends by itself); each answer is passed to `onAnswer`. */
export function botocoreLoop(env: NodeJS.ProcessEnv, seconds: number, onAnswer: (answer: { at: number; accessKeyId: string }) => void): { done: Promise<void>; stop(): void } {
  const child = spawn(PYTHON, ['-c', BOTOCORE_REAL_TIME, String(seconds)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout! }).on('line', (line) => onAnswer(JSON.parse(line) as { at: number; accessKeyId: string }));
  return { done: new Promise((resolve) => child.once('exit', () => resolve())), stop: () => void child.kill() };
}
