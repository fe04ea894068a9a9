import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aesGcmCipher } from '../secrets/cipher';
import { FileSecretStore } from '../secrets/file-secret-store';
import { MemorySecretStore, type SecretStore } from '../secrets/secret-store';
import { persistSlots, restoreSlots, SLOTS_SECRET } from './persistence';
import { SlotStore } from './slots';
import type { LoadRequest } from './types';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const HOUR = 3_600_000;

function request(name: string, expiration: number): LoadRequest {
  return {
    profileName: name || 'default:Admin',
    credentials: {
      accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
      secretAccessKey: 'secret',
      sessionToken: 'session',
      expiration,
      accountId: '012345678901',
      roleName: 'Admin',
    },
  };
}

/** Records the order of writes and lets a test hold one open. */
class SlowStore extends MemorySecretStore {
  writes: string[] = [];
  hold: Promise<void> = Promise.resolve();
  override async set(name: string, value: string): Promise<void> {
    await this.hold;
    this.writes.push(value);
    await super.set(name, value);
  }
}

const DEPLOY: LoadRequest['derivation'] = {
  root: { kind: 'sso', profileName: 'dev-admin', role: { startUrl: 'https://a/start', region: 'eu-west-1', accountId: '111111111111', roleName: 'Admin' } },
  hops: [{ profileName: 'deploy', roleArn: 'arn:aws:iam::222222222222:role/ci/Deploy', externalId: 'ext-1', durationSeconds: 3600 }],
};

describe('slot persistence', () => {
  it('keeps a chained slot and an IAM user\'s session slot with what makes them again', async () => {
    const secrets = new MemorySecretStore();
    const before = new SlotStore(() => NOW);
    const saver = persistSlots(before, secrets);
    const chained = { ...request('deploy', NOW + HOUR), source: 'assumed' as const, derivation: DEPLOY, arn: 'arn:aws:iam::222222222222:role/ci/Deploy' };
    before.load('deploy', chained);
    before.load('alice', { ...request('alice', NOW + HOUR), source: 'iam-user', derivation: { root: { kind: 'iam-user', user: 'alice' }, hops: [] }, arn: 'arn:aws:iam::111111111111:user/alice' });
    await saver.stop();
    expect(JSON.parse((await secrets.get(SLOTS_SECRET))!).version).toBe(2);

    const after = new SlotStore(() => NOW);
    expect(await restoreSlots(after, secrets)).toEqual({ restored: 2, dropped: 0 });
    expect(after.get('deploy')).toMatchObject({ source: 'assumed', derivation: DEPLOY, arn: 'arn:aws:iam::222222222222:role/ci/Deploy' });
    expect(JSON.parse(after.get('deploy')!.answer.toString()).RoleArn).toBe('arn:aws:iam::222222222222:role/ci/Deploy');
    expect(after.get('alice')).toMatchObject({ source: 'iam-user', derivation: { root: { kind: 'iam-user', user: 'alice' }, hops: [] } });
  });

  it('reads a list saved in format 1, and drops a derived slot that lost its derivation', async () => {
    const secrets = new MemorySecretStore();
    const saved = (name: string, extra: object) => ({ name, profileName: name, credentials: request(name, NOW + HOUR).credentials, ...extra });
    await secrets.set(SLOTS_SECRET, JSON.stringify({ version: 1, slots: [saved('old', { source: 'pushed' })] }));
    const after = new SlotStore(() => NOW);
    expect(await restoreSlots(after, secrets)).toEqual({ restored: 1, dropped: 0 });
    expect(after.get('old')?.source).toBe('pushed');

    await secrets.set(SLOTS_SECRET, JSON.stringify({ version: 2, slots: [saved('lost', { source: 'assumed' }), saved('bad', { source: 'assumed', derivation: { root: { kind: 'sso' }, hops: [] } })] }));
    const again = new SlotStore(() => NOW);
    expect(await restoreSlots(again, secrets)).toEqual({ restored: 0, dropped: 2 });
  });

  it('restores what was saved, minus what expired meanwhile', async () => {
    const secrets = new MemorySecretStore();
    let now = NOW;
    const before = new SlotStore(() => now);
    const saver = persistSlots(before, secrets);
    before.load('', request('', NOW + HOUR));
    before.load('dev', { ...request('dev', NOW + 2 * HOUR), source: 'sso', role: { startUrl: 'https://a/start', region: 'us-east-1', accountId: '012345678901', roleName: 'Admin' } });
    before.load('old', request('old', NOW + 60_000));
    await saver.stop();

    now = NOW + 30 * 60_000;
    const after = new SlotStore(() => now);
    expect(await restoreSlots(after, secrets)).toEqual({ restored: 2, dropped: 1 });
    expect(after.all().map((s) => s.name)).toEqual(['', 'dev']);
    expect(after.get('dev')?.role?.startUrl).toBe('https://a/start');
    expect(after.get('dev')?.source).toBe('sso');
    expect(after.servable('')?.answer.toString()).toBe(before.get('')?.answer.toString());
  });

  it('debounces a burst of changes into one write, and never lets an older list land last', async () => {
    const secrets = new SlowStore();
    const slots = new SlotStore(() => NOW);
    const saver = persistSlots(slots, secrets, { delayMs: 10 });
    for (let i = 0; i < 5; i++) slots.load(`s${i}`, request(`s${i}`, NOW + HOUR));
    await new Promise((r) => setTimeout(r, 40));
    expect(secrets.writes).toHaveLength(1);

    let release!: () => void;
    secrets.hold = new Promise((r) => (release = r));
    slots.unload('s0');
    const first = saver.flush();
    slots.unload('s1');
    const second = saver.flush();
    release();
    await Promise.all([first, second]);
    const last = JSON.parse(secrets.writes.at(-1)!) as { slots: { name: string }[] };
    expect(last.slots.map((s) => s.name)).toEqual(['s2', 's3', 's4']);
    expect(JSON.parse((await secrets.get(SLOTS_SECRET))!)).toEqual(last);
    await saver.stop();
  });

  it('removes the saved list when the last slot goes, and starts empty from a damaged one', async () => {
    const secrets: SecretStore = new MemorySecretStore();
    const slots = new SlotStore(() => NOW);
    const saver = persistSlots(slots, secrets);
    slots.load('a', request('a', NOW + HOUR));
    await saver.flush();
    slots.unload('a');
    await saver.stop();
    expect(await secrets.get(SLOTS_SECRET)).toBeUndefined();

    await secrets.set(SLOTS_SECRET, '{not json');
    expect(await restoreSlots(new SlotStore(() => NOW), secrets)).toEqual({ restored: 0, dropped: 0 });
  });

  /** The real encrypted file store, counting the writes that reach it. */
  class CountingFileStore extends FileSecretStore {
    writes = 0;
    override set(name: string, value: string): Promise<void> {
      this.writes++;
      return super.set(name, value);
    }
  }
  const fileStore = async () => new CountingFileStore(await mkdtemp(join(tmpdir(), 'roletray-persist-')), aesGcmCipher(randomBytes(32)));
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('a burst of 200 loads, a few ms apart, is one encrypted write of the final state', async () => {
    const secrets = await fileStore();
    const slots = new SlotStore(() => NOW);
    const saver = persistSlots(slots, secrets, { delayMs: 100, maxDelayMs: 5_000 });
    for (let i = 0; i < 200; i++) {
      slots.load(`s${i % 50}`, request(`s${i % 50}`, NOW + HOUR + i));
      if (i % 10 === 0) await sleep(5);
    }
    await sleep(300);
    expect(secrets.writes).toBe(1);
    const saved = JSON.parse((await secrets.get(SLOTS_SECRET))!) as { slots: { name: string; credentials: { expiration: number } }[] };
    expect(saved.slots).toHaveLength(50);
    expect(saved.slots.find((s) => s.name === 's49')?.credentials.expiration).toBe(NOW + HOUR + 199);
    const restored = new SlotStore(() => NOW);
    expect(await restoreSlots(restored, secrets)).toEqual({ restored: 50, dropped: 0 });
    await saver.stop();
  });

  it('loads that never stop are still saved, once per maxDelayMs, not once per load', async () => {
    const secrets = await fileStore();
    const slots = new SlotStore(() => NOW);
    const saver = persistSlots(slots, secrets, { delayMs: 100, maxDelayMs: 300 });
    let loads = 0;
    const until = performance.now() + 1_300;
    while (performance.now() < until) {
      slots.load('streamed', request('streamed', NOW + HOUR + loads++));
      await sleep(10);
    }
    await saver.stop();
    expect(loads).toBeGreaterThan(50);
    // 1.3 s of loads at most 300 ms apart from their first unsaved change, plus the last one on stop.
    expect(secrets.writes).toBeGreaterThanOrEqual(4);
    expect(secrets.writes).toBeLessThanOrEqual(6);
    const saved = JSON.parse((await secrets.get(SLOTS_SECRET))!) as { slots: { credentials: { expiration: number } }[] };
    expect(saved.slots[0]?.credentials.expiration).toBe(NOW + HOUR + loads - 1);
  });
});
