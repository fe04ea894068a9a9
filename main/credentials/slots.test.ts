import { describe, expect, it } from 'vitest';
import { makeCreds } from '../../test-support/credentials';
import { MAX_NAMED_SLOTS, MAX_SLOT_BYTES } from '../../common/limits';
import { InvalidSlotNameError, SlotLimitError, SlotStore, summarise, type SlotChange } from './slots';

const T0 = Date.parse('2026-11-25T12:00:00Z');

function store() {
  let now = T0;
  const slots = new SlotStore(() => now);
  return { slots, advance: (ms: number) => (now += ms) };
}
const creds = (over: Partial<ReturnType<typeof makeCreds>> = {}) => ({ ...makeCreds({}, T0), accountId: '012345678901', ...over });

describe('SlotStore', () => {
  it('keeps the default slot and named slots apart, listing named ones sorted', () => {
    const { slots } = store();
    slots.load('', { profileName: 'd', credentials: creds() });
    slots.load('b', { profileName: 'b', credentials: creds() });
    slots.load('a', { profileName: 'a', credentials: creds() });
    slots.load('B', { profileName: 'B', credentials: creds() });
    expect(slots.named().map((s) => s.name)).toEqual(['B', 'a', 'b']);
    expect(slots.all().map((s) => s.name)).toEqual(['', 'B', 'a', 'b']);
    expect(slots.unloadNamed()).toBe(3);
    expect(slots.all().map((s) => s.name)).toEqual(['']);
  });

  it('serves a slot until a minute before it expires', () => {
    const { slots, advance } = store();
    slots.load('x', { profileName: 'x', credentials: creds({ expiration: T0 + 5 * 60_000 }) });
    advance(4 * 60_000);
    expect(slots.servable('x')).toBeDefined();
    advance(1);
    expect(slots.servable('x')).toBeUndefined();
    expect(slots.get('x')).toBeDefined();
  });

  it('replaces a slot whole: a reader holding the old one never sees a mix', () => {
    const { slots } = store();
    const first = creds();
    const second = creds();
    slots.load('', { profileName: 'one', credentials: first });
    const held = slots.get('')!;
    slots.load('', { profileName: 'two', credentials: second });
    expect(JSON.parse(held.answer.toString())).toMatchObject({ AccessKeyId: first.accessKeyId, Token: first.sessionToken });
    expect(JSON.parse(slots.get('')!.answer.toString())).toMatchObject({ AccessKeyId: second.accessKeyId, Token: second.sessionToken });
    expect(Object.isFrozen(held) && Object.isFrozen(held.credentials)).toBe(true);
  });

  it('announces loads and unloads, and stops when unsubscribed', () => {
    const { slots } = store();
    const seen: string[] = [];
    const off = slots.subscribe((c: SlotChange) => seen.push(c.kind === 'load' ? `load ${c.slot.name}` : `unload ${c.name}`));
    slots.load('a', { profileName: 'a', credentials: creds() });
    slots.unload('a');
    expect(slots.unload('a')).toBe(false);
    off();
    slots.load('b', { profileName: 'b', credentials: creds() });
    expect(seen).toEqual(['load a', 'unload a']);
  });

  it('refuses invalid names', () => {
    const { slots } = store();
    for (const bad of ['a/b', 'x'.repeat(257), 'tab\there', 'del\u007f']) {
      expect(() => slots.load(bad, { profileName: bad, credentials: creds() })).toThrow(InvalidSlotNameError);
    }
    expect(slots.all()).toEqual([]);
  });

  it('uses the partition of the role region in the ARN', () => {
    const { slots } = store();
    const role = { startUrl: 'https://x.awsapps.com/start', region: 'us-gov-west-1', accountId: '012345678901', roleName: 'Admin' };
    slots.load('gov', { profileName: 'gov', credentials: creds(), role, source: 'sso' });
    expect(JSON.parse(slots.get('gov')!.answer.toString()).RoleArn).toBe('arn:aws-us-gov:iam::012345678901:role/Admin');
  });

  it('summarises with epoch seconds and the time left', () => {
    const { slots, advance } = store();
    const slot = slots.load('', { profileName: 'p', credentials: creds({ expiration: T0 + 2 * 3_600_000 + 5 * 60_000 }) });
    expect(summarise(slot, T0)).toEqual({
      ProfileName: 'p',
      AccountId: '012345678901',
      RoleName: 'Admin',
      Expiration: (T0 + 2 * 3_600_000 + 5 * 60_000) / 1000,
      Expires: '2h5m',
    });
    advance(3 * 3_600_000);
    expect(summarise(slot, T0 + 3 * 3_600_000).Expires).toBe('Expired');
  });
});

describe('SlotStore limits', () => {
  it(`holds ${MAX_NAMED_SLOTS} named slots besides the default; a new name past that is refused, naming the limit, and changes nothing`, () => {
    const { slots } = store();
    const changes: SlotChange[] = [];
    slots.load('', { profileName: 'd', credentials: creds() });
    for (let i = 0; i < MAX_NAMED_SLOTS; i++) slots.load(`s${i}`, { profileName: `s${i}`, credentials: creds() });
    slots.subscribe((c) => changes.push(c));
    expect(() => slots.load('one-more', { profileName: 'one-more', credentials: creds() })).toThrow(
      new SlotLimitError('slots', 'All 256 named slots are in use (the limit); unload one first'),
    );
    expect(slots.get('one-more')).toBeUndefined();
    expect(changes).toEqual([]);
    // Replacing a loaded slot, or the default slot, is not a new slot.
    const fresh = creds();
    slots.load('s7', { profileName: 's7', credentials: fresh });
    slots.load('', { profileName: 'd', credentials: fresh });
    expect(slots.get('s7')?.credentials.accessKeyId).toBe(fresh.accessKeyId);
    slots.unload('s0');
    slots.load('one-more', { profileName: 'one-more', credentials: creds() });
    expect(slots.named()).toHaveLength(MAX_NAMED_SLOTS);
  });

  it(`refuses credentials whose answer is over ${MAX_SLOT_BYTES / 1024} KiB, keeping what the slot had`, () => {
    const { slots } = store();
    const kept = creds();
    slots.load('big', { profileName: 'big', credentials: kept });
    const huge = creds({ sessionToken: 'x'.repeat(MAX_SLOT_BYTES) });
    expect(() => slots.load('big', { profileName: 'big', credentials: huge })).toThrow(/a slot holds at most 16 KiB/);
    expect(slots.get('big')?.credentials.accessKeyId).toBe(kept.accessKeyId);
    // Just under the limit loads: the limit is on the answer's bytes, not a rough guess.
    const room = MAX_SLOT_BYTES - slots.get('big')!.answer.length + kept.sessionToken.length;
    slots.load('big', { profileName: 'big', credentials: creds({ sessionToken: 'y'.repeat(room) }) });
    expect(slots.get('big')!.answer.length).toBe(MAX_SLOT_BYTES);
  });
});
