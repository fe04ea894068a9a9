// main/credentials: credential slots (load, unload, expiry, what may be served) and their refresh
// schedule, with no network of their own. It may import common/ and nothing else of main/ but
// secrets/ (persistence); the server, the core and the SSO layer import it.
import { formatExpires } from '../../common/time-format';
import { MAX_NAMED_SLOTS, MAX_SLOT_BYTES, MIN_SERVE_MS } from '../../common/limits';
import { DEFAULT_SLOT, slotNameProblem } from '../../common/slot-name';
import { type Credentials, type Derivation, type LoadRequest, type RoleRef, type SlotSource } from './types';
import { UserError } from '../../common/user-error';


/** One loaded slot. Immutable: a load replaces the whole object, so a reader never sees half of an update. */
export interface Slot {
  readonly name: string;
  readonly profileName: string;
  readonly credentials: Readonly<Credentials>;
  readonly source: SlotSource;
  readonly role?: Readonly<RoleRef>;
  /** How an 'assumed' or 'iam-user' slot is made again. */
  readonly derivation?: Readonly<Derivation>;
  /** The ARN served as RoleArn, when it is not `arn:…:role/<roleName>` of the account (a role path, an IAM user). */
  readonly arn?: string;
  readonly loadedAt: number;
  /** The container-credentials answer, serialised once per load rather than once per request. */
  readonly answer: Buffer;
}

/** The `/profile` and `/slot` list entry of PROTOCOL.md. */
export interface SlotSummary {
  ProfileName: string;
  AccountId: string;
  RoleName: string;
  Expiration: number;
  Expires: string;
}

export type SlotChange = { kind: 'load'; slot: Slot } | { kind: 'unload'; name: string };
export type SlotListener = (change: SlotChange) => void;

export class InvalidSlotNameError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSlotNameError';
  }
}

/** A load past one of the limits of common/limits.ts; `limit` says which, so each door can answer in its own terms. */
export class SlotLimitError extends UserError {
  constructor(
    readonly limit: 'slots' | 'bytes',
    message: string,
  ) {
    super(message);
    this.name = 'SlotLimitError';
  }
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function roleArn(accountId: string, roleName: string, region?: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/${roleName}`;
}

function serialiseAnswer(c: Credentials, role?: RoleRef, arn?: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey,
      Token: c.sessionToken,
      Expiration: isoSeconds(c.expiration),
      RoleArn: arn ?? roleArn(c.accountId, c.roleName, role?.region),
      AccountId: c.accountId,
    }),
  );
}

export function summarise(slot: Slot, now: number): SlotSummary {
  const c = slot.credentials;
  return {
    ProfileName: slot.profileName,
    AccountId: c.accountId,
    RoleName: c.roleName,
    Expiration: Math.floor(c.expiration / 1000),
    Expires: formatExpires(c.expiration - now),
  };
}

/**
 * The default slot and the named slots. The clock is injected so expiry is testable
 * without sleeping; every change is announced to subscribers (tray, window, persistence).
 */
export class SlotStore {
  private readonly slots = new Map<string, Slot>();
  private sortedNamed: Slot[] | undefined;
  private readonly listeners = new Set<SlotListener>();
  /** How a read sees a slot: the core sets the role-switch rule here (served-expiry.ts). */
  servedAs: (slot: Slot) => Slot = (slot) => slot;

  constructor(readonly now: () => number = Date.now) {}

  load(name: string, request: LoadRequest): Slot {
    if (name !== DEFAULT_SLOT) {
      const problem = slotNameProblem(name);
      if (problem) throw new InvalidSlotNameError(problem);
    }
    if (name !== DEFAULT_SLOT && !this.slots.has(name) && this.slots.size - (this.slots.has(DEFAULT_SLOT) ? 1 : 0) >= MAX_NAMED_SLOTS) {
      throw new SlotLimitError('slots', `All ${MAX_NAMED_SLOTS} named slots are in use (the limit); unload one first`);
    }
    const credentials = Object.freeze({ ...request.credentials });
    const role = request.role ? Object.freeze({ ...request.role }) : undefined;
    const derivation = request.derivation ? Object.freeze(structuredClone(request.derivation)) : undefined;
    const answer = serialiseAnswer(credentials, role, request.arn);
    if (answer.length > MAX_SLOT_BYTES) {
      throw new SlotLimitError('bytes', `These credentials take ${answer.length} bytes; a slot holds at most ${MAX_SLOT_BYTES / 1024} KiB`);
    }
    const slot: Slot = Object.freeze({
      name,
      profileName: request.profileName,
      credentials,
      source: request.source ?? 'pushed',
      role,
      ...(derivation ? { derivation } : {}),
      ...(request.arn ? { arn: request.arn } : {}),
      loadedAt: this.now(),
      answer,
    });
    this.slots.set(name, slot);
    this.sortedNamed = undefined;
    this.emit({ kind: 'load', slot });
    return slot;
  }

  /** Removes a slot; false when there was nothing in it. */
  unload(name: string): boolean {
    if (!this.slots.delete(name)) return false;
    this.sortedNamed = undefined;
    this.emit({ kind: 'unload', name });
    return true;
  }

  /** Removes every named slot (the default slot stays); returns how many went. */
  unloadNamed(): number {
    const names = [...this.slots.keys()].filter((n) => n !== DEFAULT_SLOT);
    for (const name of names) this.unload(name);
    return names.length;
  }

  get(name: string): Slot | undefined {
    return this.slots.get(name);
  }

  /** The slot if its credentials are good for at least another minute. */
  servable(name: string): Slot | undefined {
    const slot = this.slots.get(name);
    if (!slot || slot.credentials.expiration - this.now() < MIN_SERVE_MS) return undefined;
    return this.servedAs(slot);
  }

  /** Named slots, sorted by name. */
  named(): readonly Slot[] {
    this.sortedNamed ??= [...this.slots.values()]
      .filter((s) => s.name !== DEFAULT_SLOT)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.sortedNamed;
  }

  /** Every slot, the default first. */
  all(): readonly Slot[] {
    const def = this.slots.get(DEFAULT_SLOT);
    return def ? [def, ...this.named()] : this.named();
  }

  subscribe(listener: SlotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: SlotChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
