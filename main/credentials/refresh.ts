import { backoffDelay } from '../../common/backoff';
import { describeError } from '../../common/user-error';
import { rootStartUrl } from './derivation';
import { MfaRequiredError, SignInRequiredError } from './errors';
import type { Slot, SlotChange, SlotStore } from './slots';
import type { Credentials, Derivation, RoleRef } from './types';
import type { RefreshState } from '../../common/sso-instance';

/**
 * Refreshing starts this long before expiry: botocore refreshes with 15 minutes left, so fresh
 * credentials must be in the slot before then; the 5 minutes between are for retries.
 */
export const REFRESH_BEFORE_MS = 20 * 60_000;
/** After a successful refresh, wait at least this long before the next (a role with very short sessions must not spin). */
const MIN_GAP_MS = 60_000;
const RETRY_BASE_MS = 10_000;
const RETRY_CAP_MS = 2 * 60_000;
/** setTimeout's longest delay (about 24.8 days); longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * How long a read waits for a refresh it found due. The SDKs give the container endpoint little
 * time: the JS SDK's `fromHttp` 1 s per attempt (connection and request), botocore 2 s, so an
 * answer within this leaves room for the round trip and the client's own work.
 */
export const READ_WAIT_MS = 800;


export type RefreshEvent =
  | { kind: 'state'; slot: string; state: RefreshState; error?: string }
  /** The SSO session is over: tell the person to sign in again (tray, notification). */
  | { kind: 'sign-in-required'; startUrl: string; slots: string[]; reason: string }
  /** A derived slot needs an MFA code to be made again: ask the person once for this device. */
  | { kind: 'mfa-required'; mfaSerial: string; profileName: string; slot: string };

export interface TimerFunctions {
  setTimer: (callback: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

export interface RefreshDeps extends TimerFunctions {
  store: SlotStore;
  /** New credentials for a role; throws SignInRequiredError when the SSO session is over. */
  fetch: (role: RoleRef) => Promise<Credentials>;
  /**
   * New credentials for a slot made through STS, from its derivation (its root refreshed first);
   * throws SignInRequiredError when the root's SSO session is over, MfaRequiredError when a code is needed.
   */
  derive?: (derivation: Derivation, profileName: string) => Promise<{ credentials: Credentials; arn: string }>;
  now: () => number;
  random?: () => number;
}

interface Entry {
  slot: Slot;
  /** What makes it again: an IAM Identity Center role, or a derivation through STS. */
  source: { role: RoleRef } | { derivation: Derivation };
  /** The IAM Identity Center instance whose sign-in it needs, if any. */
  startUrl?: string;
  /** While 'needs-mfa': the device it waits for. */
  mfaSerial?: string;
  state: RefreshState;
  attempt: number;
  retryAt?: number;
  earliest?: number;
  inFlight?: Promise<void>;
  error?: string;
}

/**
 * Keeps every slot loaded from IAM Identity Center, or derived from a source through STS, fresh.
 * One timer, set for the earliest deadline of all slots, replaced whenever the slots change; no
 * polling. Failures are retried with jittered exponential backoff. When the SSO session is over,
 * the slots of that instance (and those chained from its roles) are marked 'needs-login'; a slot
 * whose derivation needs an MFA code is marked 'needs-mfa' and the code asked for once per device.
 * Either way they keep being served until their own credentials expire.
 */
export class RefreshScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(event: RefreshEvent) => void>();
  private timer: { handle: unknown; at: number } | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: RefreshDeps) {}

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.deps.store.subscribe((change) => this.onChange(change));
    for (const slot of this.deps.store.all()) this.track(slot);
    this.schedule();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.clearTimer();
  }

  subscribe(listener: (event: RefreshEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The refresh state of a slot, undefined for slots nothing refreshes (pushed ones). */
  state(slot: string): RefreshState | undefined {
    return this.entries.get(slot)?.state;
  }

  /** When the scheduler's timer will next fire (epoch ms), if at all. */
  nextWake(): number | undefined {
    return this.timer?.at;
  }

  /** After a new sign-in: refresh at once the slots that were waiting for it. */
  resume(startUrl: string): void {
    this.retryNow((entry) => entry.state === 'needs-login' && entry.startUrl === startUrl);
  }

  /** After an MFA code for `mfaSerial` was given: make again at once the slots that were waiting for it. */
  resumeMfa(mfaSerial: string): void {
    this.retryNow((entry) => entry.state === 'needs-mfa' && entry.mfaSerial === mfaSerial);
  }

  private retryNow(which: (entry: Entry) => boolean): void {
    for (const entry of this.entries.values()) {
      if (!which(entry)) continue;
      entry.attempt = 0;
      entry.retryAt = this.deps.now();
      entry.mfaSerial = undefined;
      this.setState(entry, 'retrying');
    }
    this.replan();
  }

  /**
   * Called for every read of a slot, so it must cost nothing when there is nothing to do: no
   * promise and no allocation for a pushed slot or one outside its refresh window. A read that
   * finds its slot due (the timer did not fire: the machine slept) starts the refresh at once;
   * the read then waits for that refresh, or for one already in flight, at most READ_WAIT_MS.
   * The promise never rejects: the caller answers from the store either way, fresh or still valid.
   */
  beforeRead(name: string): Promise<void> | undefined {
    const entry = this.entries.get(name);
    if (entry === undefined) return undefined;
    if (entry.inFlight === undefined) {
      const at = this.due(entry);
      if (at === undefined || at > this.deps.now()) return undefined;
      this.replan();
      if (entry.inFlight === undefined) return undefined;
    }
    return this.atMost(entry.inFlight, READ_WAIT_MS);
  }

  /** Resolves when no refresh is in flight (for shutdown and tests). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const pending = [...this.entries.values()].map((e) => e.inFlight).filter((p) => p !== undefined);
      if (pending.length === 0) return;
      await Promise.all(pending);
    }
  }

  private onChange(change: SlotChange): void {
    if (change.kind === 'unload') this.entries.delete(change.name);
    else this.track(change.slot);
    this.schedule();
  }

  private track(slot: Slot): void {
    let source: Entry['source'] | undefined;
    if (slot.source === 'sso' && slot.role) source = { role: slot.role };
    else if ((slot.source === 'assumed' || slot.source === 'iam-user') && slot.derivation && this.deps.derive) source = { derivation: slot.derivation };
    if (!source) {
      this.entries.delete(slot.name);
      return;
    }
    const startUrl = 'role' in source ? source.role.startUrl : rootStartUrl(source.derivation);
    const previous = this.entries.get(slot.name);
    this.entries.set(slot.name, { slot, source, ...(startUrl ? { startUrl } : {}), state: 'ok', attempt: 0 });
    if (previous && previous.state !== 'ok') this.emit({ kind: 'state', slot: slot.name, state: 'ok' });
  }

  private due(entry: Entry): number | undefined {
    if (entry.inFlight || entry.state === 'needs-login' || entry.state === 'needs-mfa') return undefined;
    if (entry.state === 'retrying') return entry.retryAt;
    return Math.max(entry.slot.credentials.expiration - REFRESH_BEFORE_MS, entry.earliest ?? -Infinity);
  }

  private schedule(): void {
    let next: number | undefined;
    for (const entry of this.entries.values()) {
      const at = this.due(entry);
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    if (next === this.timer?.at) return;
    this.clearTimer();
    if (next === undefined) return;
    const delay = Math.min(Math.max(0, next - this.deps.now()), MAX_TIMER_MS);
    const handle = this.deps.setTimer(() => this.replan(), delay);
    this.timer = { handle, at: next };
  }

  private atMost(work: Promise<void>, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = this.deps.setTimer(resolve, ms);
      void work.then(() => {
        this.deps.clearTimer(handle);
        resolve();
      });
    });
  }

  private clearTimer(): void {
    if (this.timer) this.deps.clearTimer(this.timer.handle);
    this.timer = undefined;
  }

  /**
   * Refreshes what is due now and sets the timer again. The timer calls it; so does the app after
   * the machine wakes from sleep, since timers do not count the time asleep.
   */
  replan(): void {
    this.clearTimer();
    const now = this.deps.now();
    for (const entry of this.entries.values()) {
      const at = this.due(entry);
      if (at === undefined || at > now) continue;
      // `.finally` runs on a later tick, so inFlight is set before it is cleared even if fetch throws at once.
      entry.inFlight = this.refresh(entry).finally(() => {
        entry.inFlight = undefined;
        this.schedule();
      });
    }
    this.schedule();
  }

  private async refresh(entry: Entry): Promise<void> {
    const name = entry.slot.name;
    const current = () => this.entries.get(name) === entry && this.deps.store.get(name) === entry.slot;
    try {
      const { source } = entry;
      const profileName = entry.slot.profileName;
      let slot: Slot;
      if ('role' in source) {
        const credentials = await this.deps.fetch(source.role);
        if (!current()) return; // unloaded or replaced while we fetched: the new slot is not ours to overwrite
        slot = this.deps.store.load(name, { profileName, credentials, source: 'sso', role: source.role });
      } else {
        const { credentials, arn } = await this.deps.derive!(source.derivation, profileName);
        if (!current()) return;
        slot = this.deps.store.load(name, { profileName, credentials, source: entry.slot.source, derivation: source.derivation, arn });
      }
      const fresh = this.entries.get(name);
      if (fresh?.slot === slot) fresh.earliest = this.deps.now() + MIN_GAP_MS;
    } catch (err) {
      if (!current()) return;
      if (err instanceof SignInRequiredError) this.needsLogin(err.startUrl, err.message);
      else if (err instanceof MfaRequiredError) this.needsMfa(entry, err);
      else {
        entry.retryAt = this.deps.now() + backoffDelay(entry.attempt, RETRY_BASE_MS, RETRY_CAP_MS, this.deps.random);
        entry.attempt += 1;
        entry.error = describeError(err);
        this.setState(entry, 'retrying');
      }
    }
  }

  /** Marks the slot; the person is asked only if no other slot already waits for a code from this device. */
  private needsMfa(entry: Entry, err: MfaRequiredError): void {
    const asked = [...this.entries.values()].some((e) => e.state === 'needs-mfa' && e.mfaSerial === err.mfaSerial);
    entry.error = err.message;
    entry.mfaSerial = err.mfaSerial;
    this.setState(entry, 'needs-mfa');
    if (!asked) this.emit({ kind: 'mfa-required', mfaSerial: err.mfaSerial, profileName: err.profileName, slot: entry.slot.name });
  }

  private needsLogin(startUrl: string, reason: string): void {
    const affected: string[] = [];
    for (const entry of this.entries.values()) {
      if (entry.startUrl !== startUrl || entry.state === 'needs-login') continue;
      entry.error = reason;
      this.setState(entry, 'needs-login');
      affected.push(entry.slot.name);
    }
    if (affected.length > 0) this.emit({ kind: 'sign-in-required', startUrl, slots: affected, reason });
  }

  private setState(entry: Entry, state: RefreshState): void {
    const changed = entry.state !== state;
    entry.state = state;
    if (changed || state === 'retrying') {
      this.emit({ kind: 'state', slot: entry.slot.name, state, ...(entry.error && state !== 'ok' ? { error: entry.error } : {}) });
    }
  }

  private emit(event: RefreshEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
