import { describe, expect, it } from 'vitest';
import { MemoryJsonStore } from './json-store';
import { RoleHistory } from './role-history';

const role = (n: number) => ({ startUrl: 'https://x.awsapps.com/start', region: 'us-east-1', accountId: String(n).padStart(12, '0'), roleName: 'Admin' });

describe('RoleHistory', () => {
  it('keeps recents newest first, without duplicates, capped, across restarts', async () => {
    const store = new MemoryJsonStore();
    const history = await RoleHistory.open(store, 3);
    for (const n of [1, 2, 3, 2, 4]) await history.recordUse(role(n));
    expect(history.recents().map((r) => ('accountId' in r ? Number(r.accountId) : r.profile))).toEqual([4, 2, 3]);
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

  it('keeps chained profiles and IAM users by name among the roles, in use order, pinned apart, across restarts', async () => {
    const store = new MemoryJsonStore();
    const history = await RoleHistory.open(store, 4);
    for (const ref of [role(1), { profile: 'deploy' }, role(2), { profile: 'alice' }, { profile: 'deploy' }]) await history.recordUse(ref);
    expect(history.recents()).toEqual([{ profile: 'deploy' }, { profile: 'alice' }, role(2), role(1)]);
    await history.pin({ profile: 'alice' });
    await history.pin({ profile: 'alice' });
    await history.pin(role(1));
    const reopened = await RoleHistory.open(store, 4);
    expect(reopened.recents()).toEqual(history.recents());
    expect(reopened.pinned()).toEqual([{ profile: 'alice' }, role(1)]);
    // A profile named like nothing else is not a role, and the other way round.
    expect(reopened.isPinned({ profile: 'deploy' })).toBe(false);
    await reopened.unpin({ profile: 'alice' });
    expect(reopened.pinned()).toEqual([role(1)]);
  });

  it('forgets a removed profile from both lists, and leaves the rest alone', async () => {
    const store = new MemoryJsonStore();
    const history = await RoleHistory.open(store);
    await history.recordUse({ profile: 'deploy' });
    await history.recordUse(role(1));
    await history.pin({ profile: 'deploy' });
    await history.forget({ profile: 'deploy' });
    expect(history.recents()).toEqual([role(1)]);
    expect(history.pinned()).toEqual([]);
    expect((await RoleHistory.open(store)).recents()).toEqual([role(1)]);
  });

  it('reads a file saved before profile entries existed (roles only) as it was', async () => {
    const store = new MemoryJsonStore();
    // What the previous version wrote: RoleRefs only.
    await store.write('role-history', { recents: [role(2), role(1)], pinned: [role(1)] });
    const history = await RoleHistory.open(store);
    expect(history.recents()).toEqual([role(2), role(1)]);
    expect(history.pinned()).toEqual([role(1)]);
    expect(history.isPinned(role(1))).toBe(true);
  });

  it('drops garbled profile entries: no name, an empty one, a control character, a name that is not text', async () => {
    const store = new MemoryJsonStore();
    await store.write('role-history', {
      recents: [{ profile: '' }, { profile: 'bad\u0007bell' }, { profile: 7 }, { profile: 'a/b' }, { profile: 'deploy', extra: 1 }, null, 'alice'],
      pinned: [{ profile: 'x'.repeat(257) }, { profile: 'alice' }],
    });
    const history = await RoleHistory.open(store);
    expect(history.recents()).toEqual([{ profile: 'deploy' }]);
    expect(history.pinned()).toEqual([{ profile: 'alice' }]);
  });
});
