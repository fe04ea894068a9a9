// `npm run bench`: each figure against a baseline measured in the same run (issue #20's targets).
// `--rss-minutes N` sets the memory run (default 10); BENCH_* variables shorten the others.
import { parseArgs } from 'node:util';
import { formatCatalogue, measureCatalogue } from './catalogue';
import { measuringSteal, stealLine } from './host-steal';
import { formatHotPath, measureHotPath } from './hot-path';
import { formatIdle, measureIdle } from './idle';
import { formatLoadFigures, runLoadScenario } from './load';
import { formatRoleSwitch, measureRoleSwitch } from './role-switch';
import { formatPutStreamFigures, runPutStream } from './put-stream';
import { formatStart, measureStart } from './start';
import { formatWindowFigures, measureWindow } from './window';
import { CLI } from '../../test-support/roletray-cli';

const { values: flags } = parseArgs({ options: { 'rss-minutes': { type: 'string', default: '10' } } });
const RSS_MINUTES = Number(flags['rss-minutes']);
if (!(RSS_MINUTES >= 1)) throw new Error('--rss-minutes must be a number of minutes, at least 1');

/** Prints a section's heading, then its lines and the host's steal while it ran. */
async function section(heading: string, measure: () => Promise<string[]>): Promise<void> {
  console.log(heading);
  const { result, steal } = await measuringSteal(measure);
  console.log([...result, ...stealLine(steal)].join('\n'));
}

async function main() {
  await section('Start: spawn to the first 200', async () => formatStart(await measureStart({ runs: Number(process.env.BENCH_START_RUNS ?? 9) })));

  await section('\nHot path: GET / and GET /slot/<name> of roletray serve, the koa reference and bare node:http', async () =>
    formatHotPath(
      await measureHotPath({
        connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
        durationSec: Number(process.env.BENCH_SECONDS ?? 3),
        rounds: Number(process.env.BENCH_ROUNDS ?? 3),
      }),
    ),
  );

  await section('\nIdle', async () => formatIdle(await measureIdle(Number(process.env.BENCH_IDLE_SECONDS ?? 60))));

  await section('\nLoad: GET / and GET /slot/<name> while another client loads and unloads those slots', async () =>
    formatLoadFigures(await runLoadScenario({ connections: Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50), durationSec: Number(process.env.BENCH_LOAD_SECONDS ?? 10) })),
  );

  await section('\nPUT stream: reads of named slots alone, then while PUTs stream into them (saved encrypted)', async () =>
    formatPutStreamFigures(await runPutStream({ slots: Number(process.env.BENCH_STREAM_SLOTS ?? 200), durationSec: Number(process.env.BENCH_STREAM_SECONDS ?? 5) })),
  );

  await section('\nRole catalogue (throttle-aware pace)', async () => formatCatalogue(await measureCatalogue()));

  await section('\nWindow: the role picker in Chromium, 50,000 roles beside 1,000 and a bare input', async () =>
    formatWindowFigures(await measureWindow({ rounds: Number(process.env.BENCH_WINDOW_ROUNDS ?? 3) })),
  );

  await section('\nRole switch: real time, real botocore, two servers side by side', async () => formatRoleSwitch(await measureRoleSwitch(CLI)));

  await section(`\nMemory: ${RSS_MINUTES} minutes of 50 connections reading while another client loads and unloads their slots`, async () =>
    formatLoadFigures(await runLoadScenario({ connections: 50, durationSec: RSS_MINUTES * 60, rssMarkSec: 60 })),
  );
}

await main();
