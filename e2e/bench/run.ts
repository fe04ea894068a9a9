// `npm run bench`: each figure against a baseline measured in the same run (issue #20's targets).
// `--rss-minutes N` sets the memory run (default 10); BENCH_* variables shorten the others.
import { parseArgs } from 'node:util';
import { formatCatalogue, measureCatalogue } from './catalogue';
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

async function main() {
  console.log('Start: spawn to the first 200');
  console.log(formatStart(await measureStart({ runs: Number(process.env.BENCH_START_RUNS ?? 9) })).join('\n'));

  console.log('\nHot path: GET / and GET /slot/<name> of roletray serve, the koa reference and bare node:http');
  const hot = await measureHotPath({
    connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
    durationSec: Number(process.env.BENCH_SECONDS ?? 3),
    rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  });
  console.log(formatHotPath(hot).join('\n'));

  console.log('\nIdle');
  console.log(formatIdle(await measureIdle(Number(process.env.BENCH_IDLE_SECONDS ?? 60))).join('\n'));

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
  console.log(`\nWindow: the role picker in Chromium, 50,000 roles beside 1,000 and a bare input\n${formatWindowFigures(await measureWindow({ rounds: Number(process.env.BENCH_WINDOW_ROUNDS ?? 3) })).join('\n')}`);

  console.log('\nRole switch: real time, real botocore, two servers side by side');
  console.log(formatRoleSwitch(await measureRoleSwitch(CLI)).join('\n'));

  console.log(`\nMemory: ${RSS_MINUTES} minutes of 50 connections reading while another client loads and unloads their slots`);
  console.log(formatLoadFigures(await runLoadScenario({ connections: 50, durationSec: RSS_MINUTES * 60, rssMarkSec: 60 })).join('\n'));
}

await main();
