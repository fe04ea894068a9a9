import type { RoleRef } from '../credentials/types';
import type { JsonStore } from './json-store';

const STORE_NAME = 'role-history';
export const RECENTS_LIMIT = 10;

interface Saved {
  recents: RoleRef[];
  pinned: RoleRef[];
}

const same = (a: RoleRef, b: RoleRef) => a.startUrl === b.startUrl && a.accountId === b.accountId && a.roleName === b.roleName;
const copy = (r: RoleRef): RoleRef => ({ startUrl: r.startUrl, region: r.region, accountId: r.accountId, roleName: r.roleName });

function isRoleRef(v: unknown): v is RoleRef {
  const r = v as RoleRef;
  return typeof r === 'object' && r !== null && [r.startUrl, r.region, r.accountId, r.roleName].every((f) => typeof f === 'string');
}

/** Recently loaded roles (newest first, capped) and pinned roles, for the tray and the picker. */
export class RoleHistory {
  private constructor(
    private readonly store: JsonStore,
    private saved: Saved,
    private readonly limit: number,
  ) {}

  static async open(store: JsonStore, limit = RECENTS_LIMIT): Promise<RoleHistory> {
    const raw = (await store.read(STORE_NAME)) as Partial<Saved> | undefined;
    const list = (v: unknown) => (Array.isArray(v) ? v.filter(isRoleRef).map(copy) : []);
    return new RoleHistory(store, { recents: list(raw?.recents).slice(0, limit), pinned: list(raw?.pinned) }, limit);
  }

  recents(): readonly RoleRef[] {
    return this.saved.recents;
  }

  pinned(): readonly RoleRef[] {
    return this.saved.pinned;
  }

  isPinned(role: RoleRef): boolean {
    return this.saved.pinned.some((p) => same(p, role));
  }

  recordUse(role: RoleRef): Promise<void> {
    const recents = [copy(role), ...this.saved.recents.filter((r) => !same(r, role))].slice(0, this.limit);
    return this.save({ ...this.saved, recents });
  }

  pin(role: RoleRef): Promise<void> {
    if (this.isPinned(role)) return Promise.resolve();
    return this.save({ ...this.saved, pinned: [...this.saved.pinned, copy(role)] });
  }

  unpin(role: RoleRef): Promise<void> {
    return this.save({ ...this.saved, pinned: this.saved.pinned.filter((p) => !same(p, role)) });
  }

  private async save(next: Saved): Promise<void> {
    this.saved = next;
    await this.store.write(STORE_NAME, next);
  }
}
