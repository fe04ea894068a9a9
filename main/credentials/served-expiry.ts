import { DEFAULT_SLOT } from '../../common/slot-name';
import { isoSeconds, type Slot, type SlotStore } from './slots';

/**
 * botocore and the AWS CLI refresh credentials that have less than this left (their advisory
 * window); the JS and Go SDKs wait until 5 minutes are left.
 */
export const ADVISORY_WINDOW_MS = 15 * 60_000;
/** botocore refuses to go on with credentials inside this window (its mandatory refresh). */
export const MANDATORY_WINDOW_MS = 10 * 60_000;

/**
 * The Expiration a read is answered with. With `followMinutes` set, it is never later than
 * now + 15 min + N: botocore and the AWS CLI then ask again within N minutes (their advisory
 * window is 15 min), the JS and Go SDKs within N + 10, so a program that is already running
 * follows a role switch. It is never later than the real expiry either, and it stays more than
 * 15 minutes ahead whenever the real expiry is, so no SDK meets it inside a refresh window of
 * its own. `followMinutes` null: the real expiry. Whole seconds, as the answer carries them.
 */
export function servedExpiration(realMs: number, nowMs: number, followMinutes: number | null): number {
  const real = Math.floor(realMs / 1000) * 1000;
  if (followMinutes === null) return real;
  return Math.min(real, Math.floor((nowMs + ADVISORY_WINDOW_MS + followMinutes * 60_000) / 1000) * 1000);
}

type RoleOf = (slot: Slot) => string;
const roleOf: RoleOf = (slot) => `${slot.credentials.accountId}:${slot.credentials.roleName}`;

/**
 * Which slots follow a role switch, and what a read of them is answered with. The default slot
 * always does (it is the one a person switches); a named slot does once it has held another
 * role in this run, loaded or pushed, with or without an unload between. A refresh of the same
 * role is no switch. A capped answer is made at most once per second per slot, so the read
 * path stays one lookup.
 */
export class SwitchFollow {
  private readonly lastRole = new Map<string, string>();
  private readonly switched = new Set<string>();
  private readonly served = new WeakMap<Slot, { expiration: number; slot: Slot }>();

  constructor(
    private readonly store: SlotStore,
    private readonly followMinutes: () => number | null,
  ) {
    for (const slot of store.all()) this.lastRole.set(slot.name, roleOf(slot));
    store.subscribe((change) => {
      if (change.kind !== 'load') return;
      const before = this.lastRole.get(change.slot.name);
      const now = roleOf(change.slot);
      if (before !== undefined && before !== now) this.switched.add(change.slot.name);
      this.lastRole.set(change.slot.name, now);
    });
  }

  /** Whether reads of `name` are answered with the nearer Expiration while the setting is on. */
  follows(name: string): boolean {
    return name === DEFAULT_SLOT || this.switched.has(name);
  }

  /** The slot as a read sees it: its own answer, or the same answer with the nearer Expiration. */
  serve(slot: Slot): Slot {
    const minutes = this.followMinutes();
    if (minutes === null || !this.follows(slot.name)) return slot;
    const expiration = servedExpiration(slot.credentials.expiration, this.store.now(), minutes);
    if (expiration === Math.floor(slot.credentials.expiration / 1000) * 1000) return slot;
    const cached = this.served.get(slot);
    if (cached?.expiration === expiration) return cached.slot;
    const answer = Buffer.from(JSON.stringify({ ...(JSON.parse(slot.answer.toString('utf8')) as object), Expiration: isoSeconds(expiration) }));
    const served = Object.freeze({ ...slot, answer });
    this.served.set(slot, { expiration, slot: served });
    return served;
  }
}
