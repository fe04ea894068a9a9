import { afterEach, describe, expect, it } from 'vitest';
import type { AppState, SsoView } from '../../../preload/api';
import { startCore, type Harness } from '../../../test-support/app-core-harness';

/** The role list in the core's state while it is fetched: the real core and SDK against the stand-in, at 20 ms latency. */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Every state the core emits, as the window and the tray receive them. */
function recordStates(core: Harness['core']) {
  const states: SsoView[] = [];
  const off = core.subscribe((s: AppState) => {
    if (s.sso[0]) states.push(s.sso[0]);
  });
  return { states, off };
}

describe('the role list while it is fetched', () => {
  it('on a first fetch shows the roles as they arrive, with progress, in a few snapshots, ending complete', async () => {
    h = await startCore({ standin: { accounts: 100, rolesPerAccount: 3, latencyMs: 20 } });
    const core = h.core;
    const { states, off } = recordStates(core);
    let listedMidway: number | undefined;
    const midway = h.until((s) => (s.sso[0]?.catalogueProgress?.roles ?? 0) > 0).then(async () => {
      const listed = await core.ops.listRoles();
      if (listed.ok) listedMidway = listed.value.length;
    });
    await core.ops.signIn({ startUrl: h.standin.startUrl, region: h.standin.region });
    const done = await h.until((s) => s.sso[0]?.catalogFetchedAt !== undefined && !s.sso[0].catalogueProgress);
    await midway;
    off();

    expect(done.sso[0]).toMatchObject({ signedIn: true, roleCount: 300 });
    const during = states.filter((s) => s.catalogueProgress);
    // Partial: some roles in, marked as not yet fetched, the progress saying how far.
    const partial = during.find((s) => s.roleCount > 0 && s.roleCount < 300)!;
    expect(partial).toBeDefined();
    expect(partial.catalogFetchedAt).toBeUndefined();
    expect(partial.catalogueProgress!.roles).toBe(partial.roleCount);
    // The window's list had roles before the fetch was over.
    expect(listedMidway).toBeGreaterThan(0);
    expect(listedMidway).toBeLessThan(300);
    // Counts only go up, and the accounts' total appears once every page of accounts is in.
    for (let i = 1; i < during.length; i++) {
      expect(during[i]!.catalogueProgress!.roles).toBeGreaterThanOrEqual(during[i - 1]!.catalogueProgress!.roles);
      expect(during[i]!.catalogueProgress!.accountsDone).toBeGreaterThanOrEqual(during[i - 1]!.catalogueProgress!.accountsDone);
    }
    expect(during.at(-1)!.catalogueProgress).toEqual({ roles: 300, accountsDone: 100, accounts: 100 });
    // Coalesced: a few snapshots a second, not one per page (101 pages).
    expect(during.length).toBeLessThan(40);
    const final = await core.ops.listRoles();
    expect(final.ok && final.value).toHaveLength(300);
  });

  it('keeps the complete list through a refresh, and through one that fails halfway', async () => {
    h = await startCore({ standin: { accounts: 60, rolesPerAccount: 2, latencyMs: 20, refreshTokens: false } });
    const { core, standin } = h;
    await core.ops.signIn({ startUrl: standin.startUrl, region: standin.region });
    const complete = await h.until((s) => s.sso[0]?.catalogFetchedAt !== undefined && !s.sso[0].catalogueProgress);
    const fetchedAt = complete.sso[0]!.catalogFetchedAt;
    expect(complete.sso[0]!.roleCount).toBe(120);

    (standin.accounts[0]!.roles as string[]).push('NewlyGranted');
    const { states, off } = recordStates(core);
    // The session ends once the refresh has its first roles.
    const offRevoke = core.subscribe((s) => {
      if ((s.sso[0]?.catalogueProgress?.roles ?? 0) > 0) standin.revokeTokens();
    });
    const result = await core.ops.refreshCatalog();
    off();
    offRevoke();

    expect(result).toEqual({ ok: false, error: `sign in to ${standin.startUrl} again: the session was ended or has expired` });
    const during = states.filter((s) => s.catalogueProgress);
    expect(during.length).toBeGreaterThan(0);
    // The complete list stayed in view the whole time, and stays.
    for (const s of states) expect(s).toMatchObject({ roleCount: 120, catalogFetchedAt: fetchedAt });
    const after = core.state().sso[0]!;
    expect(after.catalogueProgress).toBeUndefined();
    expect(after).toMatchObject({ roleCount: 120, catalogFetchedAt: fetchedAt });
    const roles = await core.ops.listRoles();
    expect(roles.ok && roles.value.map((r) => r.roleName)).not.toContain('NewlyGranted');
  });

  it('drops the partial list of a first fetch that fails halfway', async () => {
    h = await startCore({ standin: { accounts: 60, rolesPerAccount: 2, latencyMs: 20, refreshTokens: false } });
    const { core, standin } = h;
    const offRevoke = core.subscribe((s) => {
      if ((s.sso[0]?.catalogueProgress?.roles ?? 0) > 0) standin.revokeTokens();
    });
    await core.ops.signIn({ startUrl: standin.startUrl, region: standin.region });
    const failed = await h.until((s) => s.sso[0]?.error !== undefined);
    offRevoke();
    expect(failed.sso[0]).toMatchObject({ roleCount: 0, error: `sign in to ${standin.startUrl} again: the session was ended or has expired` });
    expect(failed.sso[0]!.catalogFetchedAt).toBeUndefined();
    expect(failed.sso[0]!.catalogueProgress).toBeUndefined();
    expect(await core.ops.listRoles()).toEqual({ ok: true, value: [] });
  });
});
