import { slotNameProblem } from '../../common/slot-name';
import type { RoleRef } from '../credentials/types';
import type { JsonStore } from './json-store';

const STORE_NAME = 'role-history';
export const RECENTS_LIMIT = 10;

/** A chained profile or an IAM user, by the profile name it is loaded by (the two share one namespace). */
export interface ProfileRef {
  profile: string;
}

/** What the history holds: an IAM Identity Center role, or a profile derived through STS. */
export type HistoryRef = RoleRef | ProfileRef;

interface Saved {
  recents: HistoryRef[];
  pinned: HistoryRef[];
}

export const isProfileRef = (r: HistoryRef): r is ProfileRef => 'profile' in r;

const sameRole = (a: RoleRef, b: RoleRef) => a.startUrl === b.startUrl && a.accountId === b.accountId && a.roleName === b.roleName;
const same = (a: HistoryRef, b: HistoryRef) =>
  isProfileRef(a) || isProfileRef(b) ? isProfileRef(a) && isProfileRef(b) && a.profile === b.profile : sameRole(a, b);
const copy = (r: HistoryRef): HistoryRef =>
  isProfileRef(r) ? { profile: r.profile } : { startUrl: r.startUrl, region: r.region, accountId: r.accountId, roleName: r.roleName };

function isRoleRef(v: unknown): v is RoleRef {
  const r = v as RoleRef;
  return typeof r === 'object' && r !== null && [r.startUrl, r.region, r.accountId, r.roleName].every((f) => typeof f === 'string');
}

/** A saved profile entry; a name no slot could be loaded under (empty, a control character) is garbled. */
function isSavedProfile(v: unknown): v is ProfileRef {
  const r = v as ProfileRef;
  return typeof r === 'object' && r !== null && typeof r.profile === 'string' && slotNameProblem(r.profile) === undefined;
}

/** What a saved list holds that can be read back: files written before profile entries hold roles only, and still load. */
function readList(v: unknown): HistoryRef[] {
  return Array.isArray(v) ? v.filter((e): e is HistoryRef => isRoleRef(e) || isSavedProfile(e)).map(copy) : [];
}

/**
 * Recently loaded roles and profiles (newest first, capped) and pinned ones, for the tray and the
 * picker. Profiles are chains and IAM users, kept by name: what they are is looked up when shown.
 */
export class RoleHistory {
  private constructor(
    private readonly store: JsonStore,
    private saved: Saved,
    private readonly limit: number,
  ) {}

  static async open(store: JsonStore, limit = RECENTS_LIMIT): Promise<RoleHistory> {
    const raw = (await store.read(STORE_NAME)) as Partial<Saved> | undefined;
    return new RoleHistory(store, { recents: readList(raw?.recents).slice(0, limit), pinned: readList(raw?.pinned) }, limit);
  }

  recents(): readonly HistoryRef[] {
    return this.saved.recents;
  }

  pinned(): readonly HistoryRef[] {
    return this.saved.pinned;
  }

  isPinned(ref: HistoryRef): boolean {
    return this.saved.pinned.some((p) => same(p, ref));
  }

  recordUse(ref: HistoryRef): Promise<void> {
    const recents = [copy(ref), ...this.saved.recents.filter((r) => !same(r, ref))].slice(0, this.limit);
    return this.save({ ...this.saved, recents });
  }

  pin(ref: HistoryRef): Promise<void> {
    if (this.isPinned(ref)) return Promise.resolve();
    return this.save({ ...this.saved, pinned: [...this.saved.pinned, copy(ref)] });
  }

  unpin(ref: HistoryRef): Promise<void> {
    return this.save({ ...this.saved, pinned: this.saved.pinned.filter((p) => !same(p, ref)) });
  }

  /** Drops an entry from both lists: a chain or IAM user that was removed. */
  forget(ref: HistoryRef): Promise<void> {
    if (!this.isPinned(ref) && !this.saved.recents.some((r) => same(r, ref))) return Promise.resolve();
    return this.save({ recents: this.saved.recents.filter((r) => !same(r, ref)), pinned: this.saved.pinned.filter((p) => !same(p, ref)) });
  }

  private async save(next: Saved): Promise<void> {
    this.saved = next;
    await this.store.write(STORE_NAME, next);
  }
}
