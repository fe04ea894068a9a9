import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../main/app/core-types';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { startHeadlessCore } from '../test-support/app-core-harness';
import { clockedBotocore, clockedJsSdk, type ClockedClient } from '../test-support/clocked-clients';
import { makeCreds, putBody } from '../test-support/credentials';

/**
 * A person switches the default slot's role while programs are running: real botocore and the
 * real JS SDK, each looping on its credentials, on one clock with the server that the test
 * moves (their own refresh rules decide when they ask again). The real-time measurement is in
 * `npm run bench`.
 */

const TOKEN = 'role-switch-token-0123456789abcdef';
const MIN = 60_000;
let clock = Date.now();
let core: AppCore;
/** Every Expiration the server answered a read with, as time left on the clock at that read. */
const servedLeft: number[] = [];

beforeAll(async () => {
  core = await startHeadlessCore(mkdtempSync(join(tmpdir(), 'roletray-switch-')), { now: () => clock, overrides: { token: TOKEN } });
  const serve = core.service.slots.servedAs;
  core.service.slots.servedAs = (slot) => {
    const served = serve(slot);
    servedLeft.push(Date.parse((JSON.parse(served.answer.toString()) as { Expiration: string }).Expiration) - clock);
    return served;
  };
});
afterAll(async () => {
  await core?.stop();
});

async function loadDefault(roleName: string): Promise<string> {
  const creds = makeCreds({ roleName }, clock);
  const res = await fetch(core.state().server.url!, { method: 'PUT', headers: { authorization: TOKEN, 'content-type': 'application/json' }, body: JSON.stringify(putBody(undefined, creds)) });
  expect(res.status).toBe(200);
  return creds.accessKeyId;
}

async function setFollow(minutes: number | null) {
  const result = await core.ops.updateSettings({ switchWithinMinutes: minutes });
  expect(result.ok).toBe(true);
}

/**
 * Loads role A, lets the client take it, switches to role B 20 s later, then moves the clock in
 * `stepMs` steps until the client holds B or `limitMs` has passed. Returns how long after the
 * switch the client first held B, the least time it ever saw left, and how many reads it made.
 */
async function propagation(client: ClockedClient, stepMs: number, limitMs: number) {
  servedLeft.length = 0;
  const a = await loadDefault('Admin');
  const first = await client.ask(clock);
  expect(first).toMatchObject({ ok: true, accessKeyId: a });
  clock += 20_000;
  const b = await loadDefault('ReadOnly');
  const switchedAt = clock;
  let least = first.secondsLeft!;
  while (clock - switchedAt < limitMs) {
    clock += stepMs;
    const answer = await client.ask(clock);
    expect(answer.ok, answer.message).toBe(true);
    least = Math.min(least, answer.secondsLeft!);
    if (answer.accessKeyId === b) return { after: clock - switchedAt, least, reads: servedLeft.length };
    expect(answer.accessKeyId).toBe(a);
  }
  return { after: undefined, least, reads: servedLeft.length };
}

function clientEnv() {
  return isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: core.state().server.url!, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN });
}

describe('programs that are running follow a switch of the default slot', () => {
  it('botocore holds the new role within N minutes (N = 1), never asking more than once a minute, never inside its 10-minute window', async () => {
    await setFollow(1);
    const botocore = clockedBotocore(clientEnv());
    try {
      const seen = await propagation(botocore, 10_000, 5 * MIN);
      expect(seen.after).toBeDefined();
      expect(seen.after!).toBeLessThanOrEqual(1 * MIN + 10_000);
      expect(seen.least).toBeGreaterThan(10 * 60);
      // The first read, then one per minute of the clock at most.
      expect(seen.reads).toBeLessThanOrEqual(3);
      expect(Math.min(...servedLeft)).toBeGreaterThan(15 * MIN);
    } finally {
      await botocore.close();
    }
  });

  it('the JS SDK\'s memoized chain holds the new role within N + 10 minutes', async () => {
    await setFollow(1);
    const sdk = clockedJsSdk(clientEnv());
    try {
      const seen = await propagation(sdk, 30_000, 20 * MIN);
      expect(seen.after).toBeDefined();
      expect(seen.after!).toBeLessThanOrEqual(11 * MIN + 30_000);
      // It asks again only when less than 5 minutes are left, as it does for any credentials.
      expect(seen.after!).toBeGreaterThan(10 * MIN - 20_000 - 30_000);
      expect(Math.min(...servedLeft)).toBeGreaterThan(15 * MIN);
    } finally {
      await sdk.close();
    }
  });

  it('with the setting off, botocore keeps the old role until 15 minutes before the real expiry', async () => {
    await setFollow(null);
    const botocore = clockedBotocore(clientEnv());
    try {
      const seen = await propagation(botocore, MIN, 50 * MIN);
      // Credentials of an hour: botocore asks again 45 minutes after it took them.
      expect(seen.after).toBeDefined();
      expect(seen.after!).toBeGreaterThan(44 * MIN - 20_000);
      expect(seen.after!).toBeLessThanOrEqual(45 * MIN);
    } finally {
      await botocore.close();
    }
  });
});
