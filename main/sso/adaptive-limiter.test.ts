import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter, INITIAL_RATE } from './adaptive-limiter';

/** The limiter on a fake clock, against a simulated service that throttles by rate as the portal does. */

class Throttled extends Error {
  override name = 'TooManyRequestsException';
}

/** A clock whose sleeps end only when `advance` moves time past them, in order. */
function fakeClock() {
  let t = 0;
  const timers: { at: number; wake: () => void }[] = [];
  const settle = () => new Promise<void>((r) => setImmediate(r));
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((wake) => void timers.push({ at: t + ms, wake })),
    /** Runs timers in time order until `done` or `untilMs`; bounded by the number of steps. */
    async run(done: () => boolean, untilMs = Number.POSITIVE_INFINITY) {
      for (let step = 0; step < 1_000_000 && !done(); step++) {
        await settle();
        if (done()) return;
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > untilMs) return;
        timers.shift();
        t = Math.max(t, next.at);
        next.wake();
      }
    },
  };
}

/** A service answering after `latencyMs`, refusing above `limit` requests a second (a token bucket of `burst`, counted on arrival). */
function service(clock: ReturnType<typeof fakeClock>, limit: number, latencyMs: number, burst = limit) {
  let tokens = burst;
  let at = 0;
  const log = { ok: 0, throttled: 0, sentAt: [] as number[] };
  const call = async () => {
    const arrived = clock.now();
    log.sentAt.push(arrived);
    tokens = Math.min(burst, tokens + ((arrived - at) / 1000) * limit);
    at = arrived;
    const accepted = tokens >= 1;
    if (accepted) tokens -= 1;
    await clock.sleep(latencyMs);
    if (!accepted) {
      log.throttled += 1;
      throw new Throttled();
    }
    log.ok += 1;
  };
  return { call, log };
}

function limiterOn(clock: ReturnType<typeof fakeClock>, options: { maxInFlight?: number } = {}) {
  return new AdaptiveLimiter({ now: clock.now, sleep: clock.sleep, isThrottle: (err) => err instanceof Throttled, ...options });
}

/** `count` jobs through the limiter, each retried when throttled (as the catalogue retries a page). */
function jobs(limiter: AdaptiveLimiter, call: () => Promise<void>, count: number) {
  const state = { done: 0, failed: 0 };
  const one = async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await limiter.run(call);
        state.done += 1;
        return;
      } catch (err) {
        if (!(err instanceof Throttled)) throw err;
      }
    }
    state.failed += 1;
  };
  for (let i = 0; i < count; i++) void one();
  return state;
}

describe('adaptive limiter', () => {
  it('paces sends at its rate: the first at once, then one gap of 1/rate apart', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    const { call, log } = service(clock, 1_000, 50);
    const state = jobs(limiter, call, 3);
    await clock.run(() => state.done === 3);
    // Not held back on the first; the second and third waited for the pace, and each of their successes grew it.
    expect(log.sentAt).toEqual([0, 50, 100]);
    expect(limiter.rate).toBeCloseTo(INITIAL_RATE + 2 * Math.LN2, 9);
  });

  it('doubles its rate each second while nothing is throttled', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    const { call, log } = service(clock, 10_000, 50);
    const state = jobs(limiter, call, 10_000);
    await clock.run(() => false, 3_000);
    expect(log.throttled).toBe(0);
    // 20/s at the start; about 20 · 2^3 after three seconds.
    expect(limiter.rate).toBeGreaterThan(120);
    expect(limiter.rate).toBeLessThan(180);
    expect(state.failed).toBe(0);
  });

  it('cuts its rate on a throttle, once for the answers of one round, then grows again', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    const refuseAll = { on: false };
    let sent = 0;
    const call = async () => {
      sent += 1;
      const refused = refuseAll.on;
      await clock.sleep(50);
      if (refused) throw new Throttled();
    };
    const state = jobs(limiter, call, 1_000);
    await clock.run(() => false, 2_000);
    const before = limiter.rate;
    expect(before).toBeGreaterThan(30);
    // One round of refusals: every request sent before the first refusal comes back (the service decides on arrival).
    refuseAll.on = true;
    await clock.run(() => false, 2_049);
    refuseAll.on = false;
    await clock.run(() => false, 2_200);
    // Cut once (to 75%, then a little growth), not once per refusal (75%^2 would be below 57%).
    expect(sent - state.done).toBeGreaterThan(1);
    expect(limiter.rate).toBeGreaterThanOrEqual(before * 0.75);
    expect(limiter.rate).toBeLessThan(before * 0.8);
    const cut = limiter.rate;
    await clock.run(() => false, 4_000);
    expect(limiter.rate).toBeGreaterThan(cut);
    expect(state.failed).toBe(0);
    expect(sent).toBeGreaterThan(state.done);
  });

  it('keeps cutting while refused, down to its floor, and never stops sending', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    let sent = 0;
    const call = async () => {
      sent += 1;
      await clock.sleep(50);
      throw new Throttled();
    };
    jobs(limiter, call, 5);
    await clock.run(() => false, 60_000);
    expect(limiter.rate).toBe(1);
    // At a request a second, still trying: about 60 in the last minute.
    expect(sent).toBeGreaterThan(55);
  });

  it('settles at the service limit: 2,020 requests at 20/s with 50 ms latency within 1.1x of the limit\'s pace', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    const { call, log } = service(clock, 20, 50);
    const state = jobs(limiter, call, 2_020);
    await clock.run(() => state.done + state.failed === 2_020);
    expect(state.failed).toBe(0);
    expect(log.ok).toBe(2_020);
    const idealMs = (2_020 / 20) * 1000;
    expect(clock.now() / idealMs).toBeLessThan(1.1);
    // Throttled rounds are few, not one per request: at most a few percent of what was sent.
    expect(log.throttled / log.sentAt.length).toBeLessThan(0.1);
  });

  it('holds at most maxInFlight requests at once, however high the rate', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock, { maxInFlight: 4 });
    let inFlight = 0;
    let most = 0;
    const call = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await clock.sleep(1_000);
      inFlight -= 1;
    };
    const state = jobs(limiter, call, 40);
    await clock.run(() => state.done === 40);
    expect(most).toBe(4);
    // Held back by the cap, not the pace: the rate did not climb for it.
    expect(limiter.rate).toBeLessThan(INITIAL_RATE + 3);
  });

  it('with a sleep that only records (as tests that skip waits pass), sleeps once per turn and lets every request go', async () => {
    const asked: number[] = [];
    const sleep = async (ms: number) => {
      // Asked again and again for the same turn, it would spin without end; stop it so the test fails instead.
      if (asked.push(ms) > 10_000) throw new Error('asked to sleep 10,000 times');
    };
    const limiter = new AdaptiveLimiter({ now: () => 0, sleep, isThrottle: () => false });
    await Promise.all(Array.from({ length: 100 }, () => limiter.run(async () => undefined)));
    expect(asked).toHaveLength(99);
    // The turns are still spaced by the pace: the n-th is asked to wait n gaps from the clock's (unmoving) now.
    expect(asked[0]).toBe(50);
    expect(asked[1]).toBeGreaterThan(95);
  });

  it('passes a failure that is not a throttle through without touching the rate', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    const outcome = limiter.run(async () => {
      throw new Error('boom');
    });
    const seen = outcome.catch((err: Error) => err.message);
    await clock.run(() => false, 10);
    expect(await seen).toBe('boom');
    expect(limiter.rate).toBe(INITIAL_RATE);
  });
});
