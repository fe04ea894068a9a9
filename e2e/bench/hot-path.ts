// The hot path for `npm run bench`: `GET /` and `GET /slot/<name>` of `roletray serve` (keep-alive,
// token on) beside, in the same run and with the same JSON answer, the koa reference
// (e2e/bench/koa-reference.ts: koa, @koa/router, the same guards and token check) and a bare
// node:http server (e2e/bench/bare-server.mjs). Each server is its own process and is measured
// while the others are idle, in alternating rounds, so other work on the machine shifts all of
// them alike. Prints nothing; returns the figures.
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { putBody } from '../../test-support/credentials';
import { CLI } from '../../test-support/roletray-cli';
import { startListening } from './listening-child';
import { formatProfile, readProfile, summariseProfile, type ProfileSummary } from './cpu-profile';

const TOKEN = 'hot-path-token-0123456789abcdef';
const SLOT = 'dev:Admin';
const SLOT_PATH = `/slot/${encodeURIComponent(SLOT)}`;
const HERE = import.meta.dirname;

export interface HotPathOptions {
  /** The `roletray` to start (dist/cli.cjs unless told). */
  cli?: string;
  connections?: number;
  durationSec?: number;
  rounds?: number;
}

interface Run {
  reqPerSec: number;
  p99Ms: number;
  /** The server process's CPU time per answered request (user + system). */
  cpuUsPerRequest: number;
  /** Anything but a 200: non-2xx answers, socket errors, timeouts. */
  bad: number;
}

export interface HotPathRound {
  path: string;
  bare: Run;
  koa: Run;
  roletray: Run;
}

export interface HotPathFigures {
  connections: number;
  durationSec: number;
  answerBytes: number;
  rounds: HotPathRound[];
  /** Medians over the rounds, per path. */
  byPath: { path: string; vsKoa: number; vsBare: number; koaVsBare: number; worstP99Ms: number; bareWorstP99Ms: number; cpuUs: { bare: number; koa: number; roletray: number } }[];
  roletrayBad: number;
  /** RoleTray under the same load once more, under --cpu-prof: where its time went. */
  profile: ProfileSummary;
}

function send(url: string, method: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { authorization: TOKEN, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A process's user + system CPU time in µs (Linux /proc; clock ticks of 10 ms). */
function cpuUs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function hammer(url: string, pid: number, connections: number, duration: number): Promise<Run> {
  const before = cpuUs(pid);
  const r = await autocannon({ url, connections, duration, headers: { authorization: TOKEN } });
  const cpuUsPerRequest = (cpuUs(pid) - before) / Math.max(1, r.requests.total);
  return { reqPerSec: r.requests.average, p99Ms: r.latency.p99, cpuUsPerRequest, bad: r.non2xx + r.errors + r.timeouts };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measureHotPath(options: HotPathOptions = {}): Promise<HotPathFigures> {
  const connections = options.connections ?? 10;
  const durationSec = options.durationSec ?? 3;
  const rounds = options.rounds ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'roletray-bench-hot-'));
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, TOKEN, { mode: 0o600 });
  const creds = putBody(undefined).Creds;
  const serve = async (name: string, nodeArgs: string[] = []) => {
    const s = await startListening([...nodeArgs, options.cli ?? CLI, 'serve', '--port', '0', '--token-file', tokenFile], { ...process.env, ROLETRAY_CONFIG_DIR: join(dir, name) }, 'ignore');
    for (const [path, body] of [['/', putBody(undefined, creds)], [SLOT_PATH, putBody(SLOT, creds)]] as const) {
      const put = await send(`${s.url.slice(0, -1)}${path}`, 'PUT', JSON.stringify(body));
      if (put.status !== 200) throw new Error(`could not load ${path}: ${put.status} ${put.text}`);
    }
    return s;
  };
  const served = await serve('config');
  const children: ChildProcess[] = [served.child];
  try {
    // The named slot's answer; the default slot's differs only in its (capped) Expiration, of the same length.
    const answer = (await send(`${served.url}slot/${encodeURIComponent(SLOT)}`, 'GET')).text;
    const bare = await startListening([join(HERE, 'bare-server.mjs'), answer], process.env, 'inherit');
    children.push(bare.child);
    const koa = await startListening(['--import', 'tsx', join(HERE, 'koa-reference.ts'), TOKEN, answer], process.env, 'inherit');
    children.push(koa.child);
    const targets = { bare: bare.url, koa: koa.url, roletray: served.url };
    const pids = { bare: bare.child.pid!, koa: koa.child.pid!, roletray: served.child.pid! };
    for (const url of Object.values(targets)) {
      for (const path of ['', SLOT_PATH.slice(1)]) {
        const check = await send(`${url}${path}`, 'GET');
        if (check.status !== 200 || check.text.length !== answer.length) throw new Error(`${url}${path} does not answer the bench's JSON: ${check.status} ${check.text}`);
      }
    }
    // Warm-up: JIT, sockets.
    for (const [name, url] of Object.entries(targets)) await hammer(url, pids[name as keyof typeof pids], connections, 1);
    const results: HotPathRound[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const path of ['/', SLOT_PATH]) {
        const at = (base: string) => `${base.slice(0, -1)}${path}`;
        results.push({
          path,
          bare: await hammer(at(targets.bare), pids.bare, connections, durationSec),
          koa: await hammer(at(targets.koa), pids.koa, connections, durationSec),
          roletray: await hammer(at(targets.roletray), pids.roletray, connections, durationSec),
        });
      }
    }
    const byPath = ['/', SLOT_PATH].map((path) => {
      const mine = results.filter((r) => r.path === path);
      return {
        path,
        vsKoa: median(mine.map((r) => r.roletray.reqPerSec / r.koa.reqPerSec)),
        vsBare: median(mine.map((r) => r.roletray.reqPerSec / r.bare.reqPerSec)),
        koaVsBare: median(mine.map((r) => r.koa.reqPerSec / r.bare.reqPerSec)),
        worstP99Ms: Math.max(...mine.map((r) => r.roletray.p99Ms)),
        bareWorstP99Ms: Math.max(...mine.map((r) => r.bare.p99Ms)),
        cpuUs: {
          bare: median(mine.map((r) => r.bare.cpuUsPerRequest)),
          koa: median(mine.map((r) => r.koa.cpuUsPerRequest)),
          roletray: median(mine.map((r) => r.roletray.cpuUsPerRequest)),
        },
      };
    });
    for (const child of children) child.kill('SIGTERM');
    const profileDir = join(dir, 'profile');
    const profiled = await serve('profiled', ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
    await hammer(`${profiled.url.slice(0, -1)}${SLOT_PATH}`, profiled.child.pid!, connections, durationSec);
    // serve stops on SIGTERM and exits, which is when the profile is written.
    await new Promise((resolve) => profiled.child.once('exit', resolve).kill('SIGTERM'));
    const profile = summariseProfile(readProfile(profileDir), 12);
    return { connections, durationSec, answerBytes: answer.length, rounds: results, byPath, roletrayBad: results.reduce((n, r) => n + r.roletray.bad, 0), profile };
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

/** The figures as lines for a console, for the caller to print. */
export function formatHotPath(f: HotPathFigures): string[] {
  const cell = (r: Run) => `${r.reqPerSec.toFixed(0).padStart(7)} ${String(r.p99Ms).padStart(3)}`;
  return [
    `keep-alive, token on, ${f.connections} connections, ${f.durationSec} s per server and path, the same ${f.answerBytes}-byte answer`,
    `${'path'.padEnd(20)}${'bare req/s p99'.padStart(16)}${'koa req/s p99'.padStart(16)}${'roletray req/s p99'.padStart(20)}`,
    ...f.rounds.map((r) => `${r.path.padEnd(20)}${cell(r.bare).padStart(16)}${cell(r.koa).padStart(16)}${cell(r.roletray).padStart(20)}`),
    ...f.byPath.map(
      (p) =>
        `GET ${p.path}: roletray/koa ${p.vsKoa.toFixed(2)}x (target >= 0.9x), roletray/bare ${p.vsBare.toFixed(2)}x, koa/bare ${p.koaVsBare.toFixed(2)}x (medians); roletray worst p99 ${p.worstP99Ms} ms (target <= 2 ms; bare node:http's in the same rounds: ${p.bareWorstP99Ms} ms)`,
    ),
    `roletray answers other than 200: ${f.roletrayBad}`,
    'where a request goes, server CPU per answer (medians; the load generator shares the 2 cores):',
    ...f.byPath.map(
      ({ path, cpuUs: c }) =>
        `  GET ${path}: node:http ${c.bare.toFixed(1)} µs; koa + router + guards + token +${(c.koa - c.bare).toFixed(1)} µs = ${c.koa.toFixed(1)} µs; RoleTray ${c.roletray.toFixed(1)} µs (${c.roletray >= c.koa ? '+' : ''}${(c.roletray - c.koa).toFixed(1)} µs against koa's)`,
    ),
    `RoleTray under --cpu-prof, GET ${SLOT_PATH} for ${f.durationSec} s (writev is the socket write itself):`,
    ...formatProfile(f.profile),
  ];
}
