// An idle `roletray serve` for `npm run bench`: two of them side by side, one with nothing loaded,
// one with a slot loaded and nothing due, each counted by e2e/bench/timer-census.cjs (every
// callback the process runs, timers by their interval, and its CPU time) over a real window of
// `seconds`. Prints nothing; returns the figures.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { putBody } from '../../test-support/credentials';
import { CLI } from '../../test-support/roletray-cli';
import { startListening } from './listening-child';

const TOKEN = 'idle-token-0123456789abcdefghijk';

export interface Census {
  ms: number;
  cpuMs: number;
  /** Callbacks run in the window, by what ran them. */
  wakes: Record<string, number>;
  /** Timers set when the window ended. */
  live: string[];
}

export interface IdleFigures {
  seconds: number;
  empty: Census;
  oneSlot: Census;
}

async function idleServe(label: string, seconds: number, load: boolean): Promise<Census> {
  const dir = mkdtempSync(join(tmpdir(), `roletray-bench-idle-${label}-`));
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, TOKEN, { mode: 0o600 });
  const censusFile = join(dir, 'census.json');
  const env = { ...process.env, ROLETRAY_CONFIG_DIR: join(dir, 'config'), ROLETRAY_CENSUS_FILE: censusFile };
  const { child, url, exited } = await startListening(['--require', join(import.meta.dirname, 'timer-census.cjs'), CLI, 'serve', '--port', '0', '--token-file', tokenFile], env);
  try {
    if (load) {
      const res = await fetch(url, { method: 'PUT', headers: { authorization: TOKEN, 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify(putBody(undefined)) });
      if (res.status !== 200) throw new Error(`PUT answered ${res.status}`);
    }
    // Past the save of the slots (at most 2 s after a change) and the closing of the client's socket.
    await new Promise((r) => setTimeout(r, 3_000));
    child.kill('SIGUSR2');
    await new Promise((r) => setTimeout(r, seconds * 1000));
    child.kill('SIGUSR2');
    for (let i = 0; i < 100; i++) {
      try {
        return JSON.parse(readFileSync(censusFile, 'utf8')) as Census;
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    throw new Error('the timer census was not written');
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

export async function measureIdle(seconds = 60): Promise<IdleFigures> {
  const [empty, oneSlot] = await Promise.all([idleServe('empty', seconds, false), idleServe('slot', seconds, true)]);
  return { seconds, empty, oneSlot };
}

/** Timer callbacks in the window: the census's "Timeout …" keys. */
const timerWakes = (c: Census) => Object.entries(c.wakes).filter(([k]) => k.startsWith('Timeout '));

/** The figures as lines for a console, for the caller to print. */
export function formatIdle(f: IdleFigures): string[] {
  const line = (label: string, c: Census) => {
    const timers = timerWakes(c);
    const others = Object.entries(c.wakes).filter(([k]) => !k.startsWith('Timeout ') && k !== 'SIGNALWRAP');
    return [
      `  ${label}: CPU ${c.cpuMs.toFixed(1)} ms over ${(c.ms / 1000).toFixed(0)} s (target <= 20 ms); timer wakes ${timers.reduce((n, [, v]) => n + v, 0)}${timers.length ? ` (${timers.map(([k, v]) => `${v}x ${k.slice(8)}`).join('; ')})` : ''}; other wakes ${others.length ? others.map(([k, v]) => `${v}x ${k}`).join(', ') : 'none'}`,
      `    timers set: ${c.live.join('; ') || 'none'}`,
    ];
  };
  return [
    `idle for ${f.seconds} s, counted in the process (async_hooks, process.cpuUsage); target: no timer firing more often than once a minute`,
    ...line('nothing loaded', f.empty),
    ...line('one slot loaded, nothing due', f.oneSlot),
  ];
}
