import { describe, expect, it } from 'vitest';
import { nextSessionWarning, sessionWarning } from './session-warning';

const END = Date.parse('2026-11-25T17:30:00Z');
const MIN = 60_000;

describe('sessionWarning', () => {
  it('is quiet until 30 minutes before the end, then names the smallest warning reached, then says ended', () => {
    expect(sessionWarning(END, END - 30 * MIN - 1)).toBeUndefined();
    expect(sessionWarning(END, END - 30 * MIN)).toEqual({ stage: 'ending', withinMs: 30 * MIN });
    expect(sessionWarning(END, END - 5 * MIN - 1)).toEqual({ stage: 'ending', withinMs: 30 * MIN });
    expect(sessionWarning(END, END - 5 * MIN)).toEqual({ stage: 'ending', withinMs: 5 * MIN });
    expect(sessionWarning(END, END - 1)).toEqual({ stage: 'ending', withinMs: 5 * MIN });
    expect(sessionWarning(END, END)).toEqual({ stage: 'ended' });
  });

  it('says nothing of a session whose end is not known', () => {
    expect(sessionWarning(undefined, END)).toBeUndefined();
  });
});

describe('nextSessionWarning', () => {
  it('is the next of 30 minutes before, 5 minutes before and the end, and nothing after the end', () => {
    expect(nextSessionWarning(END, END - 3 * 60 * MIN)).toBe(END - 30 * MIN);
    expect(nextSessionWarning(END, END - 30 * MIN)).toBe(END - 5 * MIN);
    expect(nextSessionWarning(END, END - 5 * MIN)).toBe(END);
    expect(nextSessionWarning(END, END)).toBeUndefined();
    expect(nextSessionWarning(undefined, END)).toBeUndefined();
  });
});
