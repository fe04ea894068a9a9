import type { SecretStore } from '../secrets/secret-store';
import type { Slot, SlotStore } from './slots';
import type { Credentials, LoadRequest, RoleRef, SlotSource } from './types';

export const SLOTS_SECRET = 'slots';
const FORMAT = 1;

interface SavedSlot {
  name: string;
  profileName: string;
  source: SlotSource;
  role?: RoleRef;
  credentials: Credentials;
}

const isString = (v: unknown): v is string => typeof v === 'string';

function asSaved(v: unknown): SavedSlot | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const s = v as Record<string, unknown>;
  const c = s.credentials as Record<string, unknown> | undefined;
  if (!isString(s.name) || !isString(s.profileName) || (s.source !== 'pushed' && s.source !== 'sso') || !c) return undefined;
  const fields = [c.accessKeyId, c.secretAccessKey, c.sessionToken, c.accountId, c.roleName];
  if (!fields.every(isString) || typeof c.expiration !== 'number') return undefined;
  const r = s.role as Record<string, unknown> | undefined;
  const role = r && [r.startUrl, r.region, r.accountId, r.roleName].every(isString) ? (r as unknown as RoleRef) : undefined;
  return { name: s.name, profileName: s.profileName, source: s.source, role, credentials: c as unknown as Credentials };
}

/**
 * Puts back the slots saved before the last exit, dropping any that have expired since. A saved
 * list that cannot be read is skipped (slots start empty), never a reason not to start.
 */
export async function restoreSlots(slots: SlotStore, secrets: SecretStore): Promise<{ restored: number; dropped: number }> {
  let saved: unknown[] = [];
  try {
    const data = JSON.parse((await secrets.get(SLOTS_SECRET)) ?? 'null') as { version?: unknown; slots?: unknown } | null;
    if (data?.version === FORMAT && Array.isArray(data.slots)) saved = data.slots;
  } catch {
    saved = [];
  }
  let restored = 0;
  for (const entry of saved) {
    const slot = asSaved(entry);
    if (!slot || slot.credentials.expiration <= slots.now()) continue;
    const request: LoadRequest = { profileName: slot.profileName, credentials: slot.credentials, source: slot.source, role: slot.role };
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
    const saved: SavedSlot = { name: slot.name, profileName: slot.profileName, source: slot.source, role: slot.role, credentials: slot.credentials };
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
