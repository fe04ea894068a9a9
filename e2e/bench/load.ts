// Load scenario for `npm run bench` (called from e2e/bench/run.ts) and, at a small size, for
// e2e/hardening/load.test.ts: readers hammer `GET /` and `GET /slot/<name>` of a `roletray serve`
// child while a loader loads and unloads those very slots. Prints nothing; returns the figures.
import autocannon from 'autocannon';
import http from 'node:http';
import { rssMiB } from '../../test-support/process-rss';
import { serveWithToken } from '../../test-support/serve-with-token';
import { tagOfAnswer, taggedCreds } from '../../test-support/tagged-creds';

const TOKEN = 'load-token-0123456789abcdefghij';
/** The default slot, plain names and names that need URL escaping. */
const SLOTS = ['', 'alpha', 'beta', 'dev:Admin', 'ünïcødé ✓', '日本語 ロール'];

export interface LoadOptions {
  connections?: number;
  durationSec?: number;
  /** Also take the server's RSS this many seconds into the run (the memory target's first minute). */
  rssMarkSec?: number;
}

export interface LoadFigures {
  connections: number;
  durationSec: number;
  requests: number;
  reqPerSec: number;
  p99Ms: number;
  /** Reader answers by status code. */
  statuses: Record<string, number>;
  /** 200 answers whose key id, secret and token come from different loads. */
  torn: number;
  /** 200 answers carrying a load that never went into the slot asked for. */
  foreign: number;
  /** Anything but a whole 200 or the documented 404, plus socket errors and timeouts. */
  unexpected: number;
  errors: number;
  timeouts: number;
  loads: number;
  unloads: number;
  /** Loader requests that did not answer 200. */
  loaderFailures: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
  rssAfterMiB: number;
  rssMarkSec?: number;
  rssAtMarkMiB?: number;
}

const pathOf = (name: string) => (name === '' ? '/' : `/slot/${encodeURIComponent(name)}`);

function send(agent: http.Agent, port: number, method: string, path: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { authorization: TOKEN };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Loads and unloads every slot in turn until stopped; remembers every tag it ever put into each slot. */
function startLoader(port: number, issued: Map<string, Set<string>>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const loaded = new Set<string>();
  const counts = { loads: 0, unloads: 0, failures: 0 };
  let running = true;
  const load = async (name: string) => {
    const { tag, creds } = taggedCreds();
    // Recorded before sending: a reader may see the new load before the loader sees its 200.
    issued.get(name)!.add(tag);
    const body = JSON.stringify(name === '' ? { Creds: creds } : { ProfileName: name, Creds: creds });
    if ((await send(agent, port, 'PUT', pathOf(name), body)) === 200) counts.loads++;
    else counts.failures++;
    loaded.add(name);
  };
  const done = (async () => {
    while (running) {
      for (const name of SLOTS) {
        if (!running) break;
        if (loaded.has(name) && Math.random() < 0.4) {
          if ((await send(agent, port, 'DELETE', pathOf(name))) === 200) counts.unloads++;
          else counts.failures++;
          loaded.delete(name);
        } else {
          await load(name);
        }
      }
    }
  })().catch(() => {
    counts.failures++;
  });
  return {
    counts,
    async stop() {
      running = false;
      await done;
      agent.destroy();
    },
  };
}

export async function runLoadScenario(options: LoadOptions = {}): Promise<LoadFigures> {
  const connections = options.connections ?? 50;
  const durationSec = options.durationSec ?? 10;
  const served = await serveWithToken(TOKEN);
  const pid = served.child.pid!;
  const issued = new Map(SLOTS.map((name) => [name, new Set<string>()]));
  let torn = 0;
  let foreign = 0;
  let unexpected = 0;
  const check = (name: string) => (status: number, body: string) => {
    if (status === 404) {
      const e = JSON.parse(body) as Record<string, unknown>;
      const documented = e.code === '404' && e.Code === 'NotFound' && typeof e.message === 'string' && e.Message === e.message;
      if (!documented || !(e.message as string).startsWith('No credentials loaded')) unexpected++;
      return;
    }
    if (status !== 200) return void unexpected++;
    const tag = tagOfAnswer(JSON.parse(body) as Record<string, unknown>);
    if (tag === undefined) torn++;
    else if (!issued.get(name)!.has(tag)) foreign++;
  };
  const requests = SLOTS.map((name) => ({ method: 'GET' as const, path: pathOf(name), onResponse: check(name) }));

  const loader = startLoader(served.port, issued);
  try {
    // Warm up (JIT, sockets, first loads) before taking the baseline RSS.
    await autocannon({ url: served.url, connections, duration: 1, headers: { authorization: TOKEN }, requests });
    const rssBeforeMiB = rssMiB(pid);
    let rssPeakMiB = rssBeforeMiB;
    const sampler = setInterval(() => (rssPeakMiB = Math.max(rssPeakMiB, rssMiB(pid))), 200);
    let rssAtMarkMiB: number | undefined;
    const mark = options.rssMarkSec === undefined ? undefined : setTimeout(() => (rssAtMarkMiB = rssMiB(pid)), options.rssMarkSec * 1000);
    torn = foreign = unexpected = 0;
    const result = await autocannon({ url: served.url, connections, duration: durationSec, headers: { authorization: TOKEN }, requests });
    clearInterval(sampler);
    clearTimeout(mark);
    const rssAfterMiB = rssMiB(pid);
    await loader.stop();
    const statuses: Record<string, number> = {};
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count ?? 0;
    return {
      connections,
      durationSec,
      requests: result.requests.total,
      reqPerSec: result.requests.average,
      p99Ms: result.latency.p99,
      statuses,
      torn,
      foreign,
      unexpected: unexpected + result.errors + result.timeouts,
      errors: result.errors,
      timeouts: result.timeouts,
      loads: loader.counts.loads,
      unloads: loader.counts.unloads,
      loaderFailures: loader.counts.failures,
      rssBeforeMiB,
      rssPeakMiB,
      rssAfterMiB,
      ...(rssAtMarkMiB === undefined ? {} : { rssMarkSec: options.rssMarkSec, rssAtMarkMiB }),
    };
  } finally {
    await loader.stop();
    await served.stop();
  }
}

/** The figures as lines for a console, for the caller to print. */
export function formatLoadFigures(f: LoadFigures): string[] {
  const statuses = Object.entries(f.statuses)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');
  return [
    `GET / and /slot/<name> under continuous load/unload: ${f.connections} connections, ${f.durationSec} s`,
    `  ${f.reqPerSec.toFixed(0)} req/s, ${f.requests} requests, p99 ${f.p99Ms} ms; statuses ${statuses}`,
    `  torn ${f.torn}, foreign ${f.foreign}, unexpected ${f.unexpected} (errors ${f.errors}, timeouts ${f.timeouts})`,
    `  loader: ${f.loads} loads, ${f.unloads} unloads, ${f.loaderFailures} failures`,
    `  server RSS ${f.rssBeforeMiB.toFixed(1)} MiB before, ${f.rssPeakMiB.toFixed(1)} peak, ${f.rssAfterMiB.toFixed(1)} after`,
    ...(f.rssAtMarkMiB === undefined
      ? []
      : [`  server RSS after ${f.rssMarkSec} s: ${f.rssAtMarkMiB.toFixed(1)} MiB; at the end: ${f.rssAfterMiB.toFixed(1)} MiB, ${(f.rssAfterMiB / f.rssAtMarkMiB).toFixed(2)}x (target <= 1.3x)`]),
  ];
}
