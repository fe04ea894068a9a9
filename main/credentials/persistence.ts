import type { SecretStore } from '../secrets/secret-store';
import type { Slot, SlotStore } from './slots';
import type { AssumeHop, Credentials, Derivation, LoadRequest, RoleRef, SlotSource } from './types';

export const SLOTS_SECRET = 'slots';
/** 2 added slots derived through STS (their derivation and served ARN); a format 1 list reads as it is. */
const FORMAT = 2;
const READABLE_FORMATS = [1, 2];

interface SavedSlot {
  name: string;
  profileName: string;
  source: SlotSource;
  role?: RoleRef;
  derivation?: Derivation;
  arn?: string;
  credentials: Credentials;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const SOURCES: readonly unknown[] = ['pushed', 'sso', 'assumed', 'iam-user'];

function asRole(v: unknown): RoleRef | undefined {
  return isRecord(v) && [v.startUrl, v.region, v.accountId, v.roleName].every(isString) ? (v as unknown as RoleRef) : undefined;
}

function asHop(v: unknown): AssumeHop | undefined {
  if (!isRecord(v) || !isString(v.profileName) || !isString(v.roleArn)) return undefined;
  const texts = [v.roleSessionName, v.externalId, v.mfaSerial, v.mfaProcess, v.sourceIdentity, v.region];
  if (!texts.every((t) => t === undefined || isString(t)) || (v.durationSeconds !== undefined && typeof v.durationSeconds !== 'number')) return undefined;
  return v as unknown as AssumeHop;
}

function asDerivation(v: unknown): Derivation | undefined {
  if (!isRecord(v) || !isRecord(v.root) || !Array.isArray(v.hops)) return undefined;
  const hops = v.hops.map(asHop);
  if (!hops.every((h) => h !== undefined)) return undefined;
  const r = v.root;
  if (r.kind === 'iam-user' && isString(r.user)) return { root: { kind: 'iam-user', user: r.user }, hops };
  const role = asRole(r.role);
  if (r.kind === 'sso' && isString(r.profileName) && role) return { root: { kind: 'sso', profileName: r.profileName, role }, hops };
  return undefined;
}

function asSaved(v: unknown): SavedSlot | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const s = v as Record<string, unknown>;
  const c = s.credentials as Record<string, unknown> | undefined;
  if (!isString(s.name) || !isString(s.profileName) || !SOURCES.includes(s.source) || !c) return undefined;
  const fields = [c.accessKeyId, c.secretAccessKey, c.sessionToken, c.accountId, c.roleName];
  if (!fields.every(isString) || typeof c.expiration !== 'number') return undefined;
  const source = s.source as SlotSource;
  const role = asRole(s.role);
  const derivation = asDerivation(s.derivation);
  // A derived slot without what makes it again could never be refreshed: dropped like an expired one.
  if ((source === 'assumed' || source === 'iam-user') && !derivation) return undefined;
  return {
    name: s.name,
    profileName: s.profileName,
    source,
    role,
    ...(derivation ? { derivation } : {}),
    ...(isString(s.arn) ? { arn: s.arn } : {}),
    credentials: c as unknown as Credentials,
  };
}

/**
 * Puts back the slots saved before the last exit, dropping any that have expired since. A saved
 * list that cannot be read is skipped (slots start empty), never a reason not to start.
 */
export async function restoreSlots(slots: SlotStore, secrets: SecretStore): Promise<{ restored: number; dropped: number }> {
  let saved: unknown[] = [];
  try {
    const data = JSON.parse((await secrets.get(SLOTS_SECRET)) ?? 'null') as { version?: unknown; slots?: unknown } | null;
    if (READABLE_FORMATS.includes(data?.version as number) && Array.isArray(data?.slots)) saved = data.slots;
  } catch {
    saved = [];
  }
  let restored = 0;
  for (const entry of saved) {
    const slot = asSaved(entry);
    if (!slot || slot.credentials.expiration <= slots.now()) continue;
    const request: LoadRequest = {
      profileName: slot.profileName,
      credentials: slot.credentials,
      source: slot.source,
      role: slot.role,
      ...(slot.derivation ? { derivation: slot.derivation } : {}),
      ...(slot.arn ? { arn: slot.arn } : {}),
    };
    try {
      slots.load(slot.name, request);
      restored++;
    } catch {
      // A name the current rules refuse: drop it like an expired one.
    }
  }
  return { restored, dropped: saved.length - restored };
}

export interface SlotPersistence {
  /** Writes now whatever is pending; resolves when it is on disk. */
  flush(): Promise<void>;
  /** Stops following changes, after a last flush. */
  stop(): Promise<void>;
}

/** Each slot's entry in the saved list, made once per load (slots are immutable) and reused by every later save. */
const savedEntry = new WeakMap<Slot, string>();

function entryOf(slot: Slot): string {
  let entry = savedEntry.get(slot);
  if (entry === undefined) {
    const saved: SavedSlot = {
      name: slot.name,
      profileName: slot.profileName,
      source: slot.source,
      role: slot.role,
      ...(slot.derivation ? { derivation: slot.derivation } : {}),
      ...(slot.arn ? { arn: slot.arn } : {}),
      credentials: slot.credentials,
    };
    entry = JSON.stringify(saved);
    savedEntry.set(slot, entry);
  }
  return entry;
}

/**
 * Saves the slots (encrypted, through the secret store) whenever they change. A burst of changes
 * is one write: it happens once the slots have been quiet for `delayMs`, or `maxDelayMs` after the
 * first unsaved change if they never are. Writes run one at a time and each saves the latest
 * state, so an older list can never overwrite a newer one. Reads are never held up: the list is
 * joined from entries made at load time, and the store encrypts off the event loop.
 */
export function persistSlots(
  slots: SlotStore,
  secrets: SecretStore,
  options: { delayMs?: number; maxDelayMs?: number; onError?: (err: Error) => void } = {},
): SlotPersistence {
  const delayMs = options.delayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;
  let firstUnsaved: number | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();

  const write = async (): Promise<void> => {
    dirty = false;
    const all = slots.all();
    if (all.length === 0) await secrets.delete(SLOTS_SECRET);
    else await secrets.set(SLOTS_SECRET, `{"version":${FORMAT},"slots":[${all.map(entryOf).join(',')}]}`);
  };

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    firstUnsaved = undefined;
    writing = writing.then(() => (dirty ? write() : undefined)).catch((err: Error) => options.onError?.(err));
    return writing;
  };

  const unsubscribe = slots.subscribe(() => {
    dirty = true;
    const now = performance.now();
    firstUnsaved ??= now;
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), Math.max(0, Math.min(delayMs, firstUnsaved + maxDelayMs - now)));
  });

  return {
    flush,
    async stop() {
      unsubscribe();
      await flush();
    },
  };
}
