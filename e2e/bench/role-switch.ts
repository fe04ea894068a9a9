// How soon a running botocore takes a role switch of the default slot, in real time, with the
// setting at 1 minute; beside it, in the same run, the same botocore against a server with the
// setting off and credentials that really expire 16 minutes ahead (botocore's own refresh of
// such credentials: the floor the setting can reach).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedAwsEnv } from '../../test-support/aws-env';
import { botocoreLoop } from '../../test-support/clocked-clients';
import { makeCreds, putBody } from '../../test-support/credentials';
import { startListening } from './listening-child';

const TOKEN = 'bench-switch-token-0123456789ab';
const LIMIT_SECONDS = 150;

async function serve(cli: string, switchWithinMinutes: number | null): Promise<{ child: ChildProcess; url: string }> {
  const configDir = mkdtempSync(join(tmpdir(), 'roletray-bench-switch-'));
  writeFileSync(join(configDir, 'settings.json'), JSON.stringify({ version: 1, switchWithinMinutes }));
  const tokenFile = join(configDir, 'bench-token');
  writeFileSync(tokenFile, TOKEN, { mode: 0o600 });
  return startListening([cli, 'serve', '--port', '0', '--token-file', tokenFile], { ...process.env, ROLETRAY_CONFIG_DIR: configDir });
}

async function load(url: string, roleName: string, lifetimeMs: number): Promise<string> {
  const creds = makeCreds({ roleName, expiration: Date.now() + lifetimeMs });
  const res = await fetch(url, { method: 'PUT', headers: { authorization: TOKEN, 'content-type': 'application/json' }, body: JSON.stringify(putBody(undefined, creds)) });
  if (res.status !== 200) throw new Error(`PUT answered ${res.status}`);
  return creds.accessKeyId;
}

/** Loads role A, starts botocore, switches to role B once botocore holds A, and times until it holds B. */
async function propagation(url: string, lifetimeMs: number): Promise<number | undefined> {
  const a = await load(url, 'Admin', lifetimeMs);
  let b: string | undefined;
  let switchedAt = 0;
  let seenAfter: number | undefined;
  const env = isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: url, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN });
  const loop = botocoreLoop(env, LIMIT_SECONDS, (answer) => {
    if (answer.accessKeyId === a && b === undefined) {
      switchedAt = Date.now();
      b = 'pending';
      void load(url, 'ReadOnly', lifetimeMs).then((key) => (b = key));
    } else if (answer.accessKeyId === b && seenAfter === undefined) {
      seenAfter = answer.at - switchedAt;
      loop.stop();
    }
  });
  await loop.done;
  return seenAfter;
}

export async function measureRoleSwitch(cli: string): Promise<{ followMs?: number; baselineMs?: number }> {
  const [follow, baseline] = await Promise.all([serve(cli, 1), serve(cli, null)]);
  try {
    const [followMs, baselineMs] = await Promise.all([propagation(follow.url, 3_600_000), propagation(baseline.url, 16 * 60_000 + 2_000)]);
    return { followMs, baselineMs };
  } finally {
    follow.child.kill('SIGTERM');
    baseline.child.kill('SIGTERM');
  }
}

export function formatRoleSwitch(f: { followMs?: number; baselineMs?: number }): string[] {
  const s = (ms?: number) => (ms === undefined ? `not within ${LIMIT_SECONDS} s` : `${(ms / 1000).toFixed(1)} s`);
  const ratio = f.followMs !== undefined && f.baselineMs !== undefined ? `${(f.followMs / f.baselineMs).toFixed(2)}x` : 'n/a';
  return [
    `running botocore takes a switch of the default slot (setting: 1 min) after ${s(f.followMs)}; its own refresh of 16-minute credentials (setting off) after ${s(f.baselineMs)}`,
    `ratio setting/baseline: ${ratio} (target <= 1.1x, and under 2 minutes); with the setting off and 1-hour credentials botocore would wait about 45 minutes`,
  ];
}
