// PUT-stream scenario for `npm run bench` (called from e2e/bench/run.ts) and, at a small size, for
// e2e/hardening/put-stream.test.ts: readers GET named slots of a `roletray serve` child (slots
// saved encrypted in its configuration directory) first with nothing else going on, the baseline,
// then while a loader PUTs into those slots as fast as it can. Counts the encrypted writes of the
// saved slots by watching the secrets folder. Prints nothing; returns the figures.
import autocannon from 'autocannon';
import { watch } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { SLOTS_SECRET } from '../../main/credentials/persistence';
import { serveWithToken } from '../../test-support/serve-with-token';
import { taggedCreds } from '../../test-support/tagged-creds';

const TOKEN = 'put-stream-token-0123456789abcdef';

export interface PutStreamOptions {
  slots?: number;
  connections?: number;
  durationSec?: number;
}

export interface PutStreamFigures {
  slots: number;
  connections: number;
  durationSec: number;
  baseline: { reqPerSec: number; p99Ms: number; errors: number };
  streamed: { reqPerSec: number; p99Ms: number; errors: number };
  puts: number;
  putFailures: number;
  /** Encrypted writes of the saved slots while the PUTs streamed. */
  writes: number;
}

const pathOf = (name: string) => `/slot/${encodeURIComponent(name)}`;

function put(agent: http.Agent, port: number, name: string): Promise<number> {
  const { creds } = taggedCreds();
  const body = JSON.stringify({ ProfileName: name, Creds: creds });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'PUT', path: pathOf(name), agent, headers: { authorization: TOKEN, 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The file the secret store keeps the saved slots in (FileSecretStore names files by base64url). */
const slotsFile = `${Buffer.from(SLOTS_SECRET, 'utf8').toString('base64url')}.secret`;

export async function runPutStream(options: PutStreamOptions = {}): Promise<PutStreamFigures> {
  const count = options.slots ?? 200;
  const connections = options.connections ?? 10;
  const durationSec = options.durationSec ?? 5;
  const served = await serveWithToken(TOKEN);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const names = Array.from({ length: count }, (_, i) => `stream-${i}`);
  try {
    for (const name of names) if ((await put(agent, served.port, name)) !== 200) throw new Error(`could not load ${name}`);
    const requests = names.map((name) => ({ method: 'GET' as const, path: pathOf(name) }));
    const read = async () => {
      const r = await autocannon({ url: served.url, connections, duration: durationSec, headers: { authorization: TOKEN }, requests });
      return { reqPerSec: r.requests.average, p99Ms: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx };
    };
    await autocannon({ url: served.url, connections, duration: 1, headers: { authorization: TOKEN }, requests });
    const baseline = await read();

    // Each atomic save ends in a rename onto the slots file: one event per encrypted write.
    let writes = 0;
    // serveWithToken keeps the configuration directory beside the token file.
    const watcher = watch(join(dirname(served.tokenFile), 'config', 'secrets'), (event, file) => {
      if (event === 'rename' && file === slotsFile) writes++;
    });
    let streaming = true;
    let puts = 0;
    let putFailures = 0;
    const loader = (async () => {
      for (let i = 0; streaming; i++) {
        if ((await put(agent, served.port, names[i % count]!)) === 200) puts++;
        else putFailures++;
      }
    })();
    const streamed = await read();
    streaming = false;
    await loader;
    // The last PUTs are saved after the coalescing delay: wait for that write too.
    await new Promise((r) => setTimeout(r, 2_500));
    watcher.close();
    return { slots: count, connections, durationSec, baseline, streamed, puts, putFailures, writes };
  } finally {
    agent.destroy();
    await served.stop();
  }
}

/** The figures as lines for a console, for the caller to print. */
export function formatPutStreamFigures(f: PutStreamFigures): string[] {
  return [
    `GET /slot/<name> over ${f.slots} slots, ${f.connections} connections, ${f.durationSec} s each`,
    `  alone:               ${f.baseline.reqPerSec.toFixed(0)} req/s, p99 ${f.baseline.p99Ms} ms, errors ${f.baseline.errors}`,
    `  while PUTs stream:   ${f.streamed.reqPerSec.toFixed(0)} req/s, p99 ${f.streamed.p99Ms} ms, errors ${f.streamed.errors} (target p99 < 5 ms); ratio ${(f.streamed.reqPerSec / f.baseline.reqPerSec).toFixed(2)}x`,
    `  ${f.puts} PUTs (${(f.puts / f.durationSec).toFixed(0)}/s, ${f.putFailures} failed) saved in ${f.writes} encrypted writes`,
  ];
}
