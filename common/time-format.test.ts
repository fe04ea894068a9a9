import { describe, expect, it } from 'vitest';
import { formatAge, formatCountdown, formatExpires, formatIn, urgencyOf } from './time-format';

describe('countdown', () => {
  it('formats minutes and hours with fixed-width seconds', () => {
    expect(formatCountdown(59 * 60_000 + 59_000)).toBe('59:59');
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(999)).toBe('0:00');
    expect(formatCountdown(0)).toBe('expired');
    expect(formatCountdown(-5)).toBe('expired');
  });

  it('turns amber under 15 minutes and red under 5', () => {
    expect(urgencyOf(15 * 60_000)).toBe('ok');
    expect(urgencyOf(15 * 60_000 - 1)).toBe('soon');
    expect(urgencyOf(5 * 60_000 - 1)).toBe('urgent');
    expect(urgencyOf(-1)).toBe('urgent');
  });

  it('says how old and how far', () => {
    expect(formatAge(30_000)).toBe('just now');
    expect(formatAge(4 * 60_000)).toBe('4 min ago');
    expect(formatAge(3 * 3_600_000)).toBe('3 h ago');
    expect(formatIn(7 * 3_600_000 + 12 * 60_000)).toBe('in 7 h 12 min');
    expect(formatIn(-1)).toBe('expired');
  });
});

// The server's slot summary, the CLI, the tray and notifications: compact, capitalised as the existing CLI prints it.
describe('formatExpires', () => {
  it.each([
    [0, 'Expired'],
    [-5, 'Expired'],
    [42_500, '42s'],
    [60_000, '1m'],
    [59 * 60_000 + 59_999, '59m'],
    [3_600_000, '1h'],
    [3_600_000 + 60_000, '1h1m'],
    [12 * 3_600_000 + 30 * 60_000, '12h30m'],
  ])('%d ms → %s', (ms, text) => expect(formatExpires(ms)).toBe(text));
});
