import type { TimerFunctions } from '../credentials/refresh';

/** setTimeout's longest delay (about 24.8 days); a later deadline is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface DeadlineTimerDeps extends TimerFunctions {
  now: () => number;
  /** The next moment anything shown depends on (the tray's next minute, an alert threshold). */
  next: (now: number) => number | undefined;
  /** Draws what is due at `now`: the tray, the alerts. */
  draw: (now: number) => void;
}

/**
 * One timer for whatever the tray and the alerts show next: `update` draws at once and waits for
 * the next deadline only, replacing the previous wait. Called on every state change, so no poll
 * is needed. A wake that comes early (clocks drift) just draws the same and waits again.
 */
export class DeadlineTimer {
  private handle: unknown;

  constructor(private readonly deps: DeadlineTimerDeps) {}

  update(): void {
    this.stop();
    const now = this.deps.now();
    this.deps.draw(now);
    const at = this.deps.next(now);
    if (at === undefined) return;
    this.handle = this.deps.setTimer(() => this.update(), Math.min(Math.max(at - now, 1), MAX_TIMER_MS));
  }

  stop(): void {
    if (this.handle !== undefined) this.deps.clearTimer(this.handle);
    this.handle = undefined;
  }
}
