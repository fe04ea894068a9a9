import { describe, expect, it } from 'vitest';
import { formatAge, formatIn, formatRemaining, urgencyOf } from './time';

describe('countdown', () => {
  it('formats minutes and hours with fixed-width seconds', () => {
    expect(formatRemaining(59 * 60_000 + 59_000)).toBe('59:59');
    expect(formatRemaining(65_000)).toBe('1:05');
    expect(formatRemaining(3_723_000)).toBe('1:02:03');
    expect(formatRemaining(999)).toBe('0:00');
    expect(formatRemaining(0)).toBe('expired');
    expect(formatRemaining(-5)).toBe('expired');
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
