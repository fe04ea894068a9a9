import { describe, expect, it } from 'vitest';
import { MemoryJsonStore } from './json-store';
import { RoleHistory } from './role-history';

const role = (n: number) => ({ startUrl: 'https://x.awsapps.com/start', region: 'us-east-1', accountId: String(n).padStart(12, '0'), roleName: 'Admin' });

describe('RoleHistory', () => {
  it('keeps recents newest first, without duplicates, capped, across restarts', async () => {
    const store = new MemoryJsonStore();
    const history = await RoleHistory.open(store, 3);
    for (const n of [1, 2, 3, 2, 4]) await history.recordUse(role(n));
    expect(history.recents().map((r) => Number(r.accountId))).toEqual([4, 2, 3]);
    const reopened = await RoleHistory.open(store, 3);
    expect(reopened.recents()).toEqual(history.recents());
  });

  it('pins and unpins roles', async () => {
    const store = new MemoryJsonStore();
    const history = await RoleHistory.open(store);
    await history.pin(role(1));
    await history.pin(role(1));
    await history.pin(role(2));
    await history.unpin(role(1));
    expect(history.pinned()).toEqual([role(2)]);
    expect((await RoleHistory.open(store)).isPinned(role(2))).toBe(true);
  });

  it('ignores a damaged saved history', async () => {
    const store = new MemoryJsonStore();
    await store.write('role-history', { recents: [{ nope: 1 }, role(5)], pinned: 'x' });
    const history = await RoleHistory.open(store);
    expect(history.recents()).toEqual([role(5)]);
    expect(history.pinned()).toEqual([]);
  });
});
