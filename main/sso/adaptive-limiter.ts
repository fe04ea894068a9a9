/**
 * Paces requests to a service that throttles by rate: a send rate that grows while answers come
 * back and is cut when the service says TooManyRequests (AIMD, as TCP paces a link). A rate, not a
 * number in flight, is what a throttle counts: at 50 ms latency a 20 requests/s limit is reached
 * with one request in flight. At most `maxInFlight` run at once all the same, so a slow region
 * does not open sockets without end.
 *
 * Not the SDK's adaptive retry (`DefaultRateLimiter` of @smithy/core/retry): it reads Date.now and
 * sleeps with setTimeout (tests here run on a given clock), it does nothing until a first throttle
 * and then measures a rate of a few requests/s from its first half-second, and it cuts the rate
 * again for every throttled answer, so the requests already in flight at the limit cut it 0.7^n.
 * Here a throttle cuts the rate once per round (answers to requests sent before the last cut are
 * that same round), as TCP takes one loss per window.
 */
export interface AdaptiveLimiterOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Whether a failure is the service asking to slow down. */
  isThrottle: (err: unknown) => boolean;
  /** Requests a second to start at; doubled each second until the first throttle. */
  initialRate?: number;
  minRate?: number;
  maxRate?: number;
  maxInFlight?: number;
}

/** What a release knows of itself: when it went, and whether the pace held it back (only then does a success say the rate could be higher). */
interface Permit {
  sentAt: number;
  paced: boolean;
}

export const INITIAL_RATE = 20;
/** Even a portal that refuses at random gets a request a second: 2,000 accounts then take half an hour, not forever. */
const MIN_RATE = 1;
const MAX_RATE = 1_000;
const MAX_IN_FLIGHT = 16;
/** The rate kept after a throttle. */
const CUT = 0.75;
/**
 * Rate added per paced success: at a rate of r, r successes a second. ln 2 each while no throttle
 * was seen (the rate doubles each second), then 1/10 (about +10% a second, so a cut to 75% is made
 * good in ~3 s).
 */
const SLOW_START_STEP = Math.LN2;
const STEP = 0.1;

export class AdaptiveLimiter {
  private currentRate: number;
  private inFlight = 0;
  private readonly waiting: ((permit: Permit) => void)[] = [];
  private nextAt = Number.NEGATIVE_INFINITY;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  private throttleSeen = false;
  private pumping = false;
  private readonly minRate: number;
  private readonly maxRate: number;
  private readonly maxInFlight: number;

  constructor(private readonly options: AdaptiveLimiterOptions) {
    this.currentRate = options.initialRate ?? INITIAL_RATE;
    this.minRate = options.minRate ?? MIN_RATE;
    this.maxRate = options.maxRate ?? MAX_RATE;
    this.maxInFlight = options.maxInFlight ?? MAX_IN_FLIGHT;
  }

  /** Requests a second it sends at now. */
  get rate(): number {
    return this.currentRate;
  }

  /** Runs `task` when the pace allows; its outcome moves the pace. Throws what the task throws. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    const permit = await new Promise<Permit>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
    try {
      const value = await task();
      if (permit.paced) this.grow();
      return value;
    } catch (err) {
      if (this.options.isThrottle(err)) this.cut(permit);
      throw err;
    } finally {
      this.inFlight -= 1;
      this.pump();
    }
  }

  private grow(): void {
    this.currentRate = Math.min(this.maxRate, this.currentRate + (this.throttleSeen ? STEP : SLOW_START_STEP));
  }

  private cut(permit: Permit): void {
    this.throttleSeen = true;
    if (permit.sentAt < this.lastCutAt) return;
    const at = this.options.now();
    this.lastCutAt = at;
    this.currentRate = Math.max(this.minRate, this.currentRate * CUT);
    // The next send waits a gap of the new pace, not what is left of the old one.
    this.nextAt = Math.max(this.nextAt, at + 1000 / this.currentRate);
  }

  /** Releases waiters one gap of the pace apart, while fewer than maxInFlight run; one loop at a time. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    void (async () => {
      let paced = false;
      let sleptUntil = Number.NaN;
      try {
        while (this.waiting.length > 0 && this.inFlight < this.maxInFlight) {
          const wait = this.nextAt - this.options.now();
          // One sleep per turn, trusted to have slept: a caller's sleep that only records (tests that skip waits) must not make this spin.
          // Only a cut during the sleep, which moves nextAt, asks for another.
          if (wait > 0 && sleptUntil !== this.nextAt) {
            paced = true;
            sleptUntil = this.nextAt;
            await this.options.sleep(wait);
            continue;
          }
          const at = this.options.now();
          // A gap from this send, even when the wake-up was late: catching up would send two almost at once, which a strict
          // service refuses. What lateness costs, the rate makes good by growing until refused.
          this.nextAt = Math.max(this.nextAt, at) + 1000 / this.currentRate;
          this.inFlight += 1;
          this.waiting.shift()!({ sentAt: at, paced });
          paced = false;
        }
      } finally {
        this.pumping = false;
      }
    })();
  }
}
