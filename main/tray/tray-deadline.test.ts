import { describe, expect, it } from 'vitest';
import { appState, slot } from '../../test-support/app-state';
import { nextTrayChange } from './tray-deadline';
import { trayMenu } from './tray-menu';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('nextTrayChange', () => {
  it('is the next minute of the countdown: the first millisecond the tray reads one minute less', () => {
    const state = appState({ slots: [slot('', NOW + 47 * 60_000 + 10_000)] });
    const next = nextTrayChange(state, NOW)!;
    expect(next).toBe(NOW + 10_001);
    expect(trayMenu(state, next - 1).title).toMatch(/· 47m$/);
    expect(trayMenu(state, next).title).toMatch(/· 46m$/);
  });

  it('moves from "1h" to "59m" one millisecond after credentials issued for exactly an hour', () => {
    const state = appState({ slots: [slot('', NOW + 3_600_000)] });
    expect(trayMenu(state, NOW).title).toMatch(/· 1h$/);
    expect(nextTrayChange(state, NOW)).toBe(NOW + 1);
  });

  it('follows each second of the last minute, then the moment of expiry', () => {
    const state = appState({ slots: [slot('', NOW + 2_500, { source: 'pushed' })] });
    expect(nextTrayChange(state, NOW)).toBe(NOW + 501);
    expect(nextTrayChange(state, NOW + 1_600)).toBe(NOW + 2_500);
    expect(trayMenu(state, NOW + 2_500).title).toMatch(/Expired$/);
  });

  it('takes the earliest change of any slot, named ones in the submenu included', () => {
    const state = appState({ slots: [slot('', NOW + 3 * 3_600_000 + 45_000), slot('ci', NOW + 90_000)] });
    expect(nextTrayChange(state, NOW)).toBe(NOW + 30_001);
  });

  it('is undefined with nothing loaded or everything expired: the tray will not change by itself', () => {
    expect(nextTrayChange(appState(), NOW)).toBeUndefined();
    expect(nextTrayChange(appState({ slots: [slot('', NOW - 1)] }), NOW)).toBeUndefined();
  });

  it('walks a whole countdown in order, each step a new tray, and ends at expiry', () => {
    const expiry = NOW + 2 * 3_600_000 + 5_000;
    const state = appState({ slots: [slot('', expiry, { source: 'pushed' })] });
    const titles: string[] = [];
    const models = new Set<string>([JSON.stringify(trayMenu(state, NOW))]);
    let t = NOW;
    for (let steps = 0; steps < 500; steps++) {
      const next = nextTrayChange(state, t);
      if (next === undefined) break;
      expect(next).toBeGreaterThan(t);
      titles.push(trayMenu(state, next).title.split(' · ')[1]!);
      models.add(JSON.stringify(trayMenu(state, next)));
      t = next;
    }
    expect(t).toBe(expiry);
    expect(titles.slice(0, 3)).toEqual(['1h59m', '1h58m', '1h57m']);
    expect(titles.slice(-3)).toEqual(['1s', '0s', 'Expired']);
    // Every step is a tray not seen before (a few only change the icon or disable "Open AWS console").
    expect(models.size).toBe(titles.length + 1);
  });
});
