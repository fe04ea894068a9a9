import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../preload/api';
import { startCore, type Harness } from '../../../test-support/app-core-harness';
import { makeCreds } from '../../../test-support/credentials';
import { rawRequest } from '../../../test-support/http';

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`operation failed: ${r.error}`);
  return r.value;
}

let h: Harness;
beforeAll(async () => {
  h = await startCore({ standin: { accounts: 3, rolesPerAccount: 2 } });
  value(await h.core.ops.signIn({ startUrl: h.standin.startUrl, region: h.standin.region }));
  await h.until((s) => s.sso[0]?.roleCount === 6);
});
afterAll(() => h.close());

describe('loading into slots, as the command line asks for it', () => {
  it('keeps the profile name it is given when loading a role into a slot of another name', async () => {
    const role = value(await h.core.ops.listRoles())[1]!;
    expect(value(await h.core.ops.loadRole({ roleKey: role.key, slot: 'work', profileName: 'X' }))).toEqual({ slot: 'work', profileName: 'X' });
    expect(h.core.state().slots.find((s) => s.name === 'work')).toMatchObject({ profileName: 'X', source: 'sso', roleKey: role.key });
    expect(await h.core.ops.loadRole({ roleKey: role.key, profileName: 'a/b' })).toEqual({ ok: false, error: 'Profile name: name contains "/"' });
  });

  it('loads credentials in the PUT shape with the PUT rules, and serves them', async () => {
    const creds = makeCreds({ accountId: 12345678901 });
    expect(value(await h.core.ops.loadCredentials({ slot: '', body: { Creds: creds } }))).toEqual({ slot: '', profileName: '012345678901:Admin' });
    expect(value(await h.core.ops.loadCredentials({ slot: 'piped', body: { Creds: makeCreds() } }))).toEqual({ slot: 'piped', profileName: 'piped' });
    expect(value(await h.core.ops.loadCredentials({ slot: 'work2', body: { ProfileName: 'dev:Admin', Creds: makeCreds() } }))).toEqual({ slot: 'work2', profileName: 'dev:Admin' });
    expect(h.core.state().slots.find((s) => s.name === 'piped')).toMatchObject({ source: 'pushed' });
    const token = value(await h.core.ops.revealToken());
    const answer = await rawRequest(h.core.state().server.port!, { path: '/', headers: { authorization: token } });
    expect(answer.json.AccessKeyId).toBe(creds.accessKeyId);

    const before = h.core.state().slots;
    expect(await h.core.ops.loadCredentials({ slot: '', body: { Creds: makeCreds({ expiration: Date.now() - 1000 }) } })).toEqual({
      ok: false,
      error: 'Creds.expiration is in the past: these credentials have already expired',
    });
    expect(await h.core.ops.loadCredentials({ slot: 'a/b', body: { Creds: makeCreds() } })).toEqual({ ok: false, error: 'slot name contains "/"' });
    expect(h.core.state().slots).toEqual(before);
  });

  it('tells a program where a slot is served, with the token to send and, over https, the CA to trust', async () => {
    const url = h.core.state().server.url!;
    value(await h.core.ops.generateToken());
    const token = value(await h.core.ops.revealToken());
    expect(value(await h.core.ops.slotAccess('work'))).toEqual({ url: `${url}slot/work`, token });
    value(await h.core.ops.generateTls());
    const access = value(await h.core.ops.slotAccess(''));
    expect(access).toEqual({ url: url.replace('http:', 'https:'), token, caFile: h.core.state().server.caFile });
    expect(access.caFile).toMatch(/roletray-ca\.pem$/);
    value(await h.core.ops.deleteTls());
    value(await h.core.ops.deleteToken());
    expect(value(await h.core.ops.slotAccess('work'))).toEqual({ url: `${url}slot/work` });
  });
});
