// `npm run bench`: our server against a bare node:http server in the same run, each in its own process.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { putBody } from '../../test-support/credentials';
import { formatCatalogue, measureCatalogue } from './catalogue';
import { formatLoadFigures, runLoadScenario } from './load';
import { formatRoleSwitch, measureRoleSwitch } from './role-switch';
import { formatPutStreamFigures, runPutStream } from './put-stream';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist/cli.cjs');
const TOKEN = 'bench-token-0123456789abcdef';
const DURATION = Number(process.env.BENCH_SECONDS ?? 3);
// Other work on the machine shifts both servers' figures: alternate them and take the median ratio.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

function startProcess(args: string[]): Promise<{ child: ChildProcess; url: string; startedAt: number }> {
  const startedAt = performance.now();
  // Its own empty configuration directory: the bench must not see (or leave) saved slots.
  const env = { ...process.env, ROLETRAY_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'roletray-bench-config-')) };
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ child, url: m[1]!, startedAt });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
  });
}

function request(url: string, method: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { authorization: TOKEN, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function firstOk(url: string, startedAt: number): Promise<number> {
  for (;;) {
    const status = await request(`${url}healthcheck`, 'GET').catch(() => 0);
    if (status === 200) return performance.now() - startedAt;
    await new Promise((r) => setTimeout(r, 2));
  }
}

function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

async function load(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { authorization: TOKEN } });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p99: result.latency.p99, bad };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'roletray-bench-'));
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, TOKEN, { mode: 0o600 });

  // Start times: the median of a few fresh starts, beside node's own start in the same run.
  const starts: number[] = [];
  const nodeStarts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const fresh = await startProcess([CLI, 'serve', '--port', '0', '--token-file', tokenFile]);
    starts.push(await firstOk(fresh.url, fresh.startedAt));
    fresh.child.kill('SIGTERM');
    const nodeStartedAt = performance.now();
    await new Promise((resolve) => spawn(process.execPath, ['-e', '']).on('exit', resolve));
    nodeStarts.push(performance.now() - nodeStartedAt);
  }
  const ours = await startProcess([CLI, 'serve', '--port', '0', '--token-file', tokenFile]);
  await firstOk(ours.url, ours.startedAt);
  const body = putBody('bench:Admin');
  if ((await request(ours.url, 'PUT', JSON.stringify(body))) !== 200) throw new Error('could not load the bench slot');
  const answer = await new Promise<string>((resolve) =>
    http.get(ours.url, { headers: { authorization: TOKEN } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve(text));
    }),
  );
  const bare = await startProcess([join(ROOT, 'e2e/bench/bare-server.mjs'), answer]);

  // Warm both up, then measure each with the other idle, alternating.
  await autocannon({ url: ours.url, connections: CONNECTIONS, duration: 1, headers: { authorization: TOKEN } });
  await autocannon({ url: bare.url, connections: CONNECTIONS, duration: 1 });
  console.log(`GET / with keep-alive, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s each, same ${answer.length}-byte JSON answer`);
  console.log(`${''.padEnd(8)}${'bare req/s'.padStart(12)}${'p99'.padStart(6)}${'err'.padStart(5)}${'roletray req/s'.padStart(16)}${'p99'.padStart(6)}${'err'.padStart(5)}${'ratio'.padStart(8)}`);
  const ratios: number[] = [];
  let errors = 0;
  let worstP99 = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const baseline = await load(bare.url);
    const roletray = await load(ours.url);
    ratios.push(roletray.rps / baseline.rps);
    errors += roletray.bad;
    worstP99 = Math.max(worstP99, roletray.p99);
    console.log(
      `round ${round}`.padEnd(8) +
        `${baseline.rps.toFixed(0).padStart(12)}${String(baseline.p99).padStart(6)}${String(baseline.bad).padStart(5)}` +
        `${roletray.rps.toFixed(0).padStart(16)}${String(roletray.p99).padStart(6)}${String(roletray.bad).padStart(5)}${ratios.at(-1)!.toFixed(2).padStart(8)}`,
    );
  }
  const rss = rssMiB(ours.child.pid!);
  ours.child.kill('SIGTERM');
  bare.child.kill('SIGTERM');
  const ratio = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
  console.log(`ratio roletray/bare, median: ${ratio.toFixed(2)}x; roletray errors ${errors}, worst p99 ${worstP99} ms (target >= 0.65x, zero errors, p99 < 2 ms)`);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `headless start to first 200, median of ${starts.length}: ${median(starts).toFixed(0)} ms (target < 300 ms); node itself starts and exits in ${median(nodeStarts).toFixed(0)} ms`,
  );
  console.log(`roletray RSS after the run: ${rss.toFixed(1)} MiB`);

  console.log('\nLoad: GET / and GET /slot/<name> while another client loads and unloads those slots');
  const figures = await runLoadScenario({
    connections: Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50),
    durationSec: Number(process.env.BENCH_LOAD_SECONDS ?? 10),
  });
  console.log(formatLoadFigures(figures).join('\n'));

  console.log('\nPUT stream: reads of named slots alone, then while PUTs stream into them (saved encrypted)');
  const stream = await runPutStream({ slots: Number(process.env.BENCH_STREAM_SLOTS ?? 200), durationSec: Number(process.env.BENCH_STREAM_SECONDS ?? 5) });
  console.log(formatPutStreamFigures(stream).join('\n'));

  console.log(`\nRole catalogue (throttle-aware pace)\n${formatCatalogue(await measureCatalogue()).join('\n')}`);

  console.log('\nRole switch: real time, real botocore, two servers side by side');
  console.log(formatRoleSwitch(await measureRoleSwitch(CLI)).join('\n'));
}

await main();
