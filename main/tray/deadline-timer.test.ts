import { describe, expect, it } from 'vitest';
import { DeadlineTimer } from './deadline-timer';

/** A clock and timers that move only when told. */
function fakeClock(start: number) {
  let now = start;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let seq = 0;
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimer: (h: unknown) => void timers.delete(h as number),
    pending: () => [...timers.values()].map((t) => t.at),
    advanceTo(t: number) {
      for (;;) {
        const due = [...timers.entries()].filter(([, x]) => x.at <= t).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = t;
    },
  };
}

describe('DeadlineTimer', () => {
  it('draws at once, then exactly at each deadline, with one timer at a time', () => {
    const clock = fakeClock(1000);
    const drawn: number[] = [];
    const deadlines = [1500, 4000, 9000];
    const timer = new DeadlineTimer({ ...clock, next: (now) => deadlines.find((d) => d > now), draw: (now) => drawn.push(now) });
    timer.update();
    expect(drawn).toEqual([1000]);
    expect(clock.pending()).toEqual([1500]);
    clock.advanceTo(5000);
    expect(drawn).toEqual([1000, 1500, 4000]);
    expect(clock.pending()).toEqual([9000]);
    clock.advanceTo(20_000);
    expect(drawn).toEqual([1000, 1500, 4000, 9000]);
    expect(clock.pending()).toEqual([]);
  });

  it('replaces the wait on every update (a state change), never adding a second timer', () => {
    const clock = fakeClock(0);
    let deadline = 10_000;
    const drawn: number[] = [];
    const timer = new DeadlineTimer({ ...clock, next: (now) => (deadline > now ? deadline : undefined), draw: (now) => drawn.push(now) });
    timer.update();
    clock.advanceTo(2000);
    deadline = 3000;
    timer.update();
    expect(clock.pending()).toEqual([3000]);
    clock.advanceTo(12_000);
    expect(drawn).toEqual([0, 2000, 3000]);
    timer.stop();
    expect(clock.pending()).toEqual([]);
  });

  it('reaches a deadline beyond setTimeout\'s limit in steps', () => {
    const clock = fakeClock(0);
    const far = 40 * 24 * 3_600_000;
    const timer = new DeadlineTimer({ ...clock, next: (now) => (far > now ? far : undefined), draw: () => undefined });
    timer.update();
    expect(clock.pending()).toEqual([2 ** 31 - 1]);
  });
});
