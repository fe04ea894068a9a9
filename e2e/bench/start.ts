// Start times for `npm run bench`: `roletray serve` from spawn to its first 200 (a fresh
// configuration directory each time, as a first start), beside, in the same run and alternating,
// `node -e ''` starting and exiting (the target's baseline), and two floors measured the same way:
// a bare node:http server (e2e/bench/bare-server.mjs) and the koa reference bundled and minified
// as the CLI is (e2e/bench/koa-reference.ts), each with a profiled start that says where it went. `roletray serve --help` shows how much of the start
// is loading the code. Prints nothing; returns the figures.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mimeSubset, noIconv } from '../../scripts/esbuild-plugins.mjs';
import { CLI } from '../../test-support/roletray-cli';
import { formatProfile, readProfile, summariseProfile, type ProfileSummary } from './cpu-profile';
import { startListening } from './listening-child';

const TOKEN = 'start-token-0123456789abcdefghij';
const HERE = import.meta.dirname;

export interface StartFigures {
  runs: number;
  /** Medians, in ms. */
  nodeMs: number;
  serveMs: number;
  /** Starts of a directory that has been started before (key, settings and token file in place). */
  serveAgainMs: number;
  serveHelpMs: number;
  bareMs: number;
  koaMs: number;
  /** One more start of serve and of the koa reference, each under --cpu-prof (which slows it): where their time went. */
  profile: ProfileSummary;
  koaProfile: ProfileSummary;
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}healthcheck`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
  });
}

/** Spawn to the first 200 of GET /healthcheck, then stops the child. */
async function toFirstOk(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const { child, url, exited } = await startListening(args, env);
  try {
    while (!(await healthy(url))) await new Promise((r) => setTimeout(r, 1));
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function toExit(args: string[]): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, args, { stdio: 'ignore' }).once('exit', resolve));
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measureStart(options: { runs?: number; cli?: string } = {}): Promise<StartFigures> {
  const runs = options.runs ?? 9;
  const cli = options.cli ?? CLI;
  const dir = mkdtempSync(join(tmpdir(), 'roletray-bench-start-'));
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, TOKEN, { mode: 0o600 });
  // Bundled as the command line is: the same plugins (no iconv-lite, four MIME types), behind a loader that turns Node's compile cache on.
  const koa = join(dir, 'koa-reference.cjs');
  await build({ entryPoints: [join(HERE, 'koa-reference.ts')], outfile: join(dir, 'koa-bundle.cjs'), bundle: true, platform: 'node', format: 'cjs', minify: true, sourcemap: true, plugins: [noIconv, mimeSubset], logLevel: 'warning' });
  writeFileSync(koa, "require('node:module').enableCompileCache?.();\nrequire('./koa-bundle.cjs');\n");
  const env = (i: number) => ({ ...process.env, ROLETRAY_CONFIG_DIR: join(dir, `config-${i}`) });
  const times = { node: [] as number[], serve: [] as number[], again: [] as number[], help: [] as number[], bare: [] as number[], koa: [] as number[] };
  // One start of each first, not counted: it fills the disk cache (and Node's compile cache).
  for (let i = -1; i < runs; i++) {
    const round = {
      node: await toExit(['-e', '']),
      serve: await toFirstOk([cli, 'serve', '--port', '0', '--token-file', tokenFile], env(i)),
      again: await toFirstOk([cli, 'serve', '--port', '0', '--token-file', tokenFile], env(-1)),
      help: await toExit([cli, 'serve', '--help']),
      bare: await toFirstOk([join(HERE, 'bare-server.mjs'), '{}'], process.env),
      koa: await toFirstOk([koa, TOKEN, '{}'], process.env),
    };
    if (i < 0) continue;
    for (const key of Object.keys(times) as (keyof typeof times)[]) times[key].push(round[key]);
  }
  const profiled = async (name: string, args: string[], childEnv: NodeJS.ProcessEnv) => {
    const profileDir = join(dir, `profile-${name}`);
    await toFirstOk(['--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...args], childEnv);
    return summariseProfile(readProfile(profileDir));
  };
  const profile = await profiled('serve', [cli, 'serve', '--port', '0', '--token-file', tokenFile], env(runs));
  const koaProfile = await profiled('koa', [koa, TOKEN, '{}'], process.env);
  return { runs, nodeMs: median(times.node), serveMs: median(times.serve), serveAgainMs: median(times.again), serveHelpMs: median(times.help), bareMs: median(times.bare), koaMs: median(times.koa), profile, koaProfile };
}

/** The figures as lines for a console, for the caller to print. */
export function formatStart(f: StartFigures): string[] {
  const x = (ms: number) => `${ms.toFixed(0)} ms (${(ms / f.nodeMs).toFixed(2)}x)`;
  return [
    `medians of ${f.runs} starts, spawn to the first 200, each against node -e '' start-and-exit (${f.nodeMs.toFixed(0)} ms):`,
    `  roletray serve, first start of a new configuration directory: ${x(f.serveMs)} (target <= 1.5x); of one started before: ${x(f.serveAgainMs)}`,
    `  of which loading its code (roletray serve --help, start to exit): ${x(f.serveHelpMs)}`,
    `  floors: a bare node:http server ${x(f.bareMs)}; the koa reference, bundled as the command line is (same plugins, compile cache) ${x(f.koaMs)}`,
    `  serve vs the koa reference: ${(f.serveMs / f.koaMs).toFixed(2)}x; koa's floor is ${(f.koaMs / f.nodeMs).toFixed(2)}x node here, so the 1.5x target is ${f.koaMs / f.nodeMs > 1.5 ? 'below what a koa server reaches' : 'within reach of a koa server'}`,
    `  a profiled start of the koa reference (to its first 200 and stop): what a koa server's start costs`,
    ...formatProfile(f.koaProfile, '  '),
    `  a profiled start of serve (to its first 200 and stop):`,
    ...formatProfile(f.profile, '  '),
  ];
}
