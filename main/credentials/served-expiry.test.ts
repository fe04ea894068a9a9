import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCreds } from '../../test-support/credentials';
import { ADVISORY_WINDOW_MS, MANDATORY_WINDOW_MS, servedExpiration, SwitchFollow } from './served-expiry';
import { SlotStore } from './slots';

const T0 = Date.parse('2026-11-25T12:00:00Z');
const MIN = 60_000;

describe('servedExpiration', () => {
  it('is the real expiry when the setting is off, in whole seconds', () => {
    expect(servedExpiration(T0 + 60 * MIN + 999, T0, null)).toBe(T0 + 60 * MIN);
  });

  it('is now + 15 min + N while the real expiry is later', () => {
    expect(servedExpiration(T0 + 60 * MIN, T0, 5)).toBe(T0 + 20 * MIN);
    expect(servedExpiration(T0 + 60 * MIN, T0 + 1500, 1)).toBe(T0 + 16 * MIN + 1000);
  });

  it('is the real expiry once that is nearer: it never promises credentials past their end', () => {
    expect(servedExpiration(T0 + 18 * MIN, T0, 5)).toBe(T0 + 18 * MIN);
  });

  it('never outlives the credentials, and keeps every SDK outside its refresh windows while they last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 3600_000 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 4 * 3600_000 }), (left, n, jitter) => {
        const now = T0 + jitter;
        const real = now + left;
        const served = servedExpiration(real, now, n);
        expect(served).toBeLessThanOrEqual(real);
        expect(served).toBeGreaterThan(Math.min(real, now + ADVISORY_WINDOW_MS + n * MIN) - 1000);
        // With fresh credentials (the refresh keeps them 20 minutes ahead), botocore's mandatory window is never met.
        if (left >= 20 * MIN) expect(served - now).toBeGreaterThan(MANDATORY_WINDOW_MS + 5 * MIN);
        // botocore refetches when less than 15 minutes are left: within N minutes, never at once.
        if (left >= ADVISORY_WINDOW_MS + n * MIN) expect(served - now).toBeGreaterThan(ADVISORY_WINDOW_MS);
      }),
    );
  });
});

function setup(minutes: number | null = 5) {
  let now = T0;
  const slots = new SlotStore(() => now);
  let setting = minutes;
  const follow = new SwitchFollow(slots, () => setting);
  slots.servedAs = (slot) => follow.serve(slot);
  const load = (name: string, roleName: string) => slots.load(name, { profileName: name || 'default', credentials: { ...makeCreds({ roleName }, T0), accountId: '012345678901' } });
  const expiration = (name: string) => Date.parse((JSON.parse(slots.servable(name)!.answer.toString()) as { Expiration: string }).Expiration);
  return { slots, follow, load, expiration, advance: (ms: number) => (now += ms), set: (m: number | null) => (setting = m) };
}

describe('SwitchFollow', () => {
  it('serves the default slot with the nearer Expiration, and every other field as loaded', () => {
    const { slots, load, expiration } = setup(5);
    const slot = load('', 'Admin');
    expect(expiration('')).toBe(T0 + 20 * MIN);
    const { Expiration: _served, ...rest } = JSON.parse(slots.servable('')!.answer.toString()) as Record<string, string>;
    const { Expiration: real, ...loaded } = JSON.parse(slot.answer.toString()) as Record<string, string>;
    expect(rest).toEqual(loaded);
    expect(Object.keys(JSON.parse(slots.servable('')!.answer.toString()) as object)).toEqual(Object.keys(JSON.parse(slot.answer.toString()) as object));
    expect(Date.parse(real!)).toBe(Math.floor(slot.credentials.expiration / 1000) * 1000);
  });

  it('leaves a named slot its real expiry until its role is switched, even across an unload', () => {
    const { slots, load, expiration, follow } = setup(5);
    load('dev', 'Admin');
    expect(expiration('dev')).toBe(Math.floor(slots.get('dev')!.credentials.expiration / 1000) * 1000);
    // A refresh of the same role is no switch.
    load('dev', 'Admin');
    expect(follow.follows('dev')).toBe(false);
    slots.unload('dev');
    load('dev', 'ReadOnly');
    expect(follow.follows('dev')).toBe(true);
    expect(expiration('dev')).toBe(T0 + 20 * MIN);
    expect(follow.follows('other')).toBe(false);
  });

  it('answers with the real expiry when the setting is off, and follows the setting as it changes', () => {
    const { slots, load, expiration, set } = setup(null);
    const slot = load('', 'Admin');
    expect(slots.servable('')).toBe(slot);
    set(1);
    expect(expiration('')).toBe(T0 + 16 * MIN);
  });

  it('makes the capped answer once per second: reads in the same second get the same bytes', () => {
    const { slots, load, advance, expiration } = setup(5);
    load('', 'Admin');
    const first = slots.servable('')!;
    advance(400);
    expect(slots.servable('')).toBe(first);
    advance(700);
    expect(slots.servable('')).not.toBe(first);
    expect(expiration('')).toBe(T0 + 20 * MIN + 1000);
  });

  it('counts the slots loaded before it as their first role, so their next different role is a switch', () => {
    const slots = new SlotStore(() => T0);
    slots.load('dev', { profileName: 'dev', credentials: makeCreds({ roleName: 'Admin' }, T0) });
    const follow = new SwitchFollow(slots, () => 5);
    slots.load('dev', { profileName: 'dev', credentials: makeCreds({ roleName: 'Viewer' }, T0) });
    expect(follow.follows('dev')).toBe(true);
  });
});
