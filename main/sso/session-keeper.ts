import { nextSessionWarning } from '../../common/session-warning';
import type { SsoInstance } from '../../common/sso-instance';
import { SignInRequiredError } from '../credentials/errors';
import type { TimerFunctions } from '../credentials/refresh';
import { TOKEN_REFRESH_WINDOW_MS, type SessionStatus, type SsoSessions } from './sso-sessions';

/** After a renewal failed for want of an answer (offline, throttled), try again this much later. */
export const RENEW_RETRY_MS = 60_000;
/** Never renew more often than this, however short the tokens the service hands out. */
const MIN_RENEW_GAP_MS = 5 * 60_000;

export interface SessionKeeperDeps extends TimerFunctions {
  sessions: Pick<SsoSessions, 'renew'>;
  now: () => number;
  /** The session of `startUrl` was renewed, or reached a warning moment or its end: its status is worth reading again. */
  onChange: (startUrl: string) => void;
}

/**
 * Keeps IAM Identity Center sessions going without asking anyone: renews each access token with
 * its refresh token before it expires (the AWS CLI's 15-minute window), and wakes at the moments
 * the person is warned that the session ends. It never signs in: only a click or a command does.
 */
export class SessionKeeper {
  private readonly timers = new Map<string, unknown>();
  private readonly renewedAt = new Map<string, number>();
  private readonly failedAt = new Map<string, number>();
  /** Access-token expiries whose refresh was refused: that token is left to run out. */
  private readonly refused = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly deps: SessionKeeperDeps) {}

  /** Plans what comes next for a session in this state (replacing any plan it had). */
  plan(instance: SsoInstance, status: SessionStatus): void {
    this.clear(instance.startUrl);
    if (this.stopped || !status.signedIn) return;
    const now = this.deps.now();
    const renewAt = this.renewAt(instance.startUrl, status, now);
    const wakeAt = nextSessionWarning(status.endsAt, now);
    if (renewAt === undefined && wakeAt === undefined) return;
    const renewFirst = renewAt !== undefined && (wakeAt === undefined || renewAt <= wakeAt);
    const at = renewFirst ? renewAt : wakeAt!;
    const fire = () => {
      this.timers.delete(instance.startUrl);
      if (renewFirst) this.track(this.renew(instance, status));
      else this.deps.onChange(instance.startUrl);
    };
    this.timers.set(instance.startUrl, this.deps.setTimer(fire, Math.max(0, at - now)));
  }

  /** Resolves once no renewal is running (tests step a fake clock with it). */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  stop(): void {
    this.stopped = true;
    for (const startUrl of this.timers.keys()) this.clear(startUrl);
  }

  private renewAt(startUrl: string, status: SessionStatus, now: number): number | undefined {
    if (!status.canRefresh || status.expiresAt === undefined) return undefined;
    // A token that already runs to the session's end cannot be extended past it.
    if (status.endsAt !== undefined && status.expiresAt >= status.endsAt) return undefined;
    if (this.refused.get(startUrl) === status.expiresAt) return undefined;
    const due = status.expiresAt - TOKEN_REFRESH_WINDOW_MS;
    const earliest = Math.max((this.renewedAt.get(startUrl) ?? -Infinity) + MIN_RENEW_GAP_MS, (this.failedAt.get(startUrl) ?? -Infinity) + RENEW_RETRY_MS);
    return Math.max(due, earliest, now);
  }

  private async renew(instance: SsoInstance, status: SessionStatus): Promise<void> {
    const { startUrl } = instance;
    try {
      await this.deps.sessions.renew(instance);
      this.renewedAt.set(startUrl, this.deps.now());
      this.failedAt.delete(startUrl);
    } catch (err) {
      // Refused: the token in hand runs out and the person is told when. Anything else: try again shortly.
      if (err instanceof SignInRequiredError) this.refused.set(startUrl, status.expiresAt!);
      else this.failedAt.set(startUrl, this.deps.now());
    }
    if (!this.stopped) this.deps.onChange(startUrl);
  }

  private track(job: Promise<void>): void {
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
  }

  private clear(startUrl: string): void {
    const handle = this.timers.get(startUrl);
    if (handle !== undefined) this.deps.clearTimer(handle);
    this.timers.delete(startUrl);
  }
}
