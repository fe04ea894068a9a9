import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFederationStandin } from '../../test-support/federation-standin';
import { startSsoStandin } from '../../test-support/sso-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Harness } from '../../test-support/app-core-harness';
import { isolatedAwsEnv } from '../../test-support/aws-env';
import { awsCliCredentials } from '../../test-support/aws-cli';
import { rawRequest } from '../../test-support/http';
import type { Result } from '../../preload/api';

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`operation failed: ${r.error}`);
  return r.value;
}

let h: Harness;
beforeAll(async () => {
  h = await startCore({ standin: { accounts: 300, rolesPerAccount: 3 } });
});
afterAll(() => h.close());

describe('the app core against the IAM Identity Center stand-in', () => {
  it('starts listening on loopback with nothing loaded, requiring the token its first start generated and wrote to <config dir>/token', async () => {
    const s = h.core.state();
    const tokenFile = join(h.configDir, 'token');
    expect(s.server).toMatchObject({ listening: true, https: false, auth: true, tokenFile });
    expect(s.settings).toMatchObject({ auth: 'token', tokenFile });
    expect(s.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(s.slots).toEqual([]);
    expect(s.notices).toEqual([]);
    const token = value(await h.core.ops.revealToken());
    expect(readFileSync(tokenFile, 'utf8')).toBe(token);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect((await rawRequest(s.server.port!, { path: '/' })).status).toBe(403);
    expect((await rawRequest(s.server.port!, { path: '/', headers: { authorization: token } })).status).toBe(404);
  });

  it('signs in with the device flow, showing the code, then lists all 900 roles', async () => {
    const started = await h.core.ops.signIn({ startUrl: h.standin.startUrl, region: h.standin.region });
    expect(started).toEqual({ ok: true, value: undefined });
    const s = await h.until((st) => st.sso[0]?.signedIn === true && st.sso[0].roleCount === 900);
    expect(s.sso[0]).toMatchObject({ startUrl: h.standin.startUrl, region: h.standin.region, signedIn: true, roleCount: 900 });
    expect(s.sso[0]!.catalogFetchedAt).toBeGreaterThan(0);
    expect(s.settings.ssoInstances).toEqual([{ startUrl: h.standin.startUrl, region: h.standin.region }]);
    const roles = value(await h.core.ops.listRoles());
    expect(roles).toHaveLength(900);
    const first = h.standin.accounts[0]!;
    expect(roles).toContainEqual(
      expect.objectContaining({ accountId: first.accountId, accountName: first.accountName, roleName: first.roles[0], profileName: `${first.accountId}:${first.roles[0]}` }),
    );
  });

  it('loads a role into the default slot and one into a named slot; the AWS CLI gets exactly those', async () => {
    const roles = value(await h.core.ops.listRoles());
    const a = roles[5]!;
    const b = roles[400]!;
    expect(value(await h.core.ops.loadRole({ roleKey: a.key }))).toEqual({ slot: '', profileName: a.profileName });
    expect(value(await h.core.ops.loadRole({ roleKey: b.key, slotted: true }))).toEqual({ slot: b.profileName, profileName: b.profileName });
    const issued = h.standin.stats.issuedCredentials;
    const forA = issued.filter((c) => c.accountId === a.accountId && c.roleName === a.roleName).at(-1)!;
    const forB = issued.filter((c) => c.accountId === b.accountId && c.roleName === b.roleName).at(-1)!;

    const url = h.core.state().server.url!;
    const token = value(await h.core.ops.revealToken());
    const def = await awsCliCredentials(isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: url, AWS_CONTAINER_AUTHORIZATION_TOKEN: token }));
    expect(def.creds?.AccessKeyId).toBe(forA.accessKeyId);
    const named = await awsCliCredentials(isolatedAwsEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${url}slot/${encodeURIComponent(b.profileName)}`, AWS_CONTAINER_AUTHORIZATION_TOKEN: token }));
    expect(named.creds?.AccessKeyId).toBe(forB.accessKeyId);

    const s = h.core.state();
    expect(s.slots.map((x) => [x.name, x.profileName, x.source, x.refresh, x.roleKey])).toEqual([
      ['', a.profileName, 'sso', 'ok', a.key],
      [b.profileName, b.profileName, 'sso', 'ok', b.key],
    ]);
    expect(s.recents.map((r) => r.key)).toEqual([b.key, a.key]);
  });

  it('gives the ~/.aws/config lines for credential_process, naming this server', async () => {
    const port = h.core.state().server.port!;
    expect(value(await h.core.ops.credentialProcessLines('team one'))).toEqual([
      "[profile team one]",
      `credential_process = roletray credential-process -p 'team one' --server 127.0.0.1:${port} --token-file ${join(h.configDir, 'token')}`,
    ]);
  });

  it('pins a role for the tray', async () => {
    const role = value(await h.core.ops.listRoles())[7]!;
    value(await h.core.ops.setPinned({ roleKey: role.key, pinned: true }));
    expect(h.core.state().pinned.map((r) => r.profileName)).toEqual([role.profileName]);
    value(await h.core.ops.setPinned({ roleKey: role.key, pinned: false }));
    expect(h.core.state().pinned).toEqual([]);
  });

  it('refuses a role key no instance knows, and changes nothing', async () => {
    const before = h.core.state().slots;
    const r = await h.core.ops.loadRole({ roleKey: 'https://other.awsapps.com/start|012345678901|Admin' });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/not in the catalogue/) });
    expect(h.core.state().slots).toEqual(before);
  });

  it('a new token applies at once: requests without it get 403, with it 200; env lines carry it', async () => {
    const port = h.core.state().server.port!;
    // Without a token file, the lines on screen hold a placeholder and only a copy holds the value.
    value(await h.core.ops.setTokenFile(null));
    value(await h.core.ops.generateToken());
    const token = value(await h.core.ops.revealToken());
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(h.core.state().server.auth).toBe(true);
    expect(JSON.stringify(h.core.state())).not.toContain(token);
    expect((await rawRequest(port, { path: '/' })).status).toBe(403);
    expect((await rawRequest(port, { path: '/', headers: { authorization: token } })).status).toBe(200);
    const shown = value(await h.core.ops.envLines({ shell: 'sh' }));
    expect(shown.join('\n')).not.toContain(token);
    expect(shown).toContain("export AWS_CONTAINER_AUTHORIZATION_TOKEN='<token: use Copy, or Security > Show>'");
    const copied = value(await h.core.ops.envLines({ shell: 'sh', revealToken: true }));
    expect(copied).toContain(`export AWS_CONTAINER_AUTHORIZATION_TOKEN='${token}'`);
    value(await h.core.ops.deleteToken());
    expect((await rawRequest(port, { path: '/' })).status).toBe(200);
  });

  it('keeps the old port and says why when the new one is in use', async () => {
    const before = h.core.state().server.port!;
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await h.core.ops.updateSettings({ port: busy });
      expect(r).toEqual({ ok: false, error: expect.stringContaining(`Port ${busy} on 127.0.0.1 is already in use`) });
      const s = h.core.state();
      expect(s.server).toMatchObject({ listening: true, port: before });
      expect(s.settings.port).not.toBe(busy);
      expect((await rawRequest(before, { path: '/' })).status).toBe(200);
    } finally {
      blocker.close();
    }
  });

  it('refuses bad settings with the field named, and keeps the old ones', async () => {
    const r = await h.core.ops.updateSettings({ theme: 'neon' as never });
    expect(r.ok).toBe(false);
    expect(h.core.state().settings.theme).toBe('system');
  });

  it('switches to https with a generated certificate and back, keeping the slots', async () => {
    value(await h.core.ops.generateTls());
    const s = h.core.state();
    expect(s.server.https).toBe(true);
    expect(s.tls.saved).toBe(true);
    expect(s.tls.info?.subjectAltName).toContain('IP Address:127.0.0.1');
    const ca = value(await h.core.ops.exportCa());
    expect(ca.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(ca.pem).not.toMatch(/PRIVATE KEY/);
    value(await h.core.ops.setTlsDisabled(true));
    expect(h.core.state().server.https).toBe(false);
    expect(h.core.state().slots).toHaveLength(2);
    value(await h.core.ops.deleteTls());
    expect(h.core.state().tls.saved).toBe(false);
  });

  it('opens a container address only with TLS and a token, gives the container lines, and drops it when TLS goes off', async () => {
    const port = h.core.state().server.port!;
    expect((await h.core.ops.envLines({ shell: 'sh', container: true })).ok).toBe(false);
    value(await h.core.ops.updateSettings({ containerAccess: { enabled: true, address: '127.0.0.2' } }));
    expect(h.core.state().server.addresses).toEqual(['127.0.0.1']);
    expect(await h.core.ops.envLines({ shell: 'sh', container: true })).toEqual({ ok: false, error: 'Container access is off until TLS and a bearer token are on.' });

    value(await h.core.ops.generateTls());
    value(await h.core.ops.generateToken());
    value(await h.core.ops.setTlsDisabled(false));
    expect(h.core.state().server).toMatchObject({ https: true, port, addresses: ['127.0.0.1', '127.0.0.2'] });
    const token = value(await h.core.ops.revealToken());
    // Through the bridge address, with the name containers use for the host.
    const answer = await rawRequest(port, { path: '/healthcheck', host: `host.docker.internal:${port}` }).catch((e: Error) => e);
    expect(answer).toBeInstanceOf(Error); // plain http is refused: the server speaks https only now
    const lines = value(await h.core.ops.envLines({ shell: 'sh', container: true, revealToken: true }));
    expect(lines).toContain(`export AWS_CONTAINER_CREDENTIALS_FULL_URI='https://host.docker.internal:${port}/'`);
    // Never the owner's token: a scoped one that reads the default slot only.
    const scoped = /^export AWS_CONTAINER_AUTHORIZATION_TOKEN='(.+)'$/.exec(lines.find((l) => l.startsWith('export AWS_CONTAINER_AUTHORIZATION_TOKEN='))!)![1]!;
    expect(scoped).not.toBe(token);
    expect(h.core.service.token.allowsRead(scoped, '')).toBe(true);
    expect(h.core.service.token.allowsRead(scoped, 'other')).toBe(false);
    expect(h.core.service.token.accepts(scoped)).toBe(false);
    expect(lines.some((l) => l.startsWith('export AWS_CA_BUNDLE='))).toBe(true);

    value(await h.core.ops.setTlsDisabled(true));
    expect(h.core.state().server).toMatchObject({ https: false, addresses: ['127.0.0.1'] });
    value(await h.core.ops.updateSettings({ containerAccess: { enabled: false, address: '127.0.0.2' } }));
    value(await h.core.ops.deleteToken());
  });

  it('refuses a bad certificate with its reason and changes nothing', async () => {
    const before = h.core.state().server;
    const r = await h.core.ops.saveTls({ cert: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', key: 'nope' });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/not a PEM X\.509 certificate/) });
    expect(h.core.state().server).toEqual(before);
  });

  it('unloads everything', async () => {
    value(await h.core.ops.unloadAll());
    expect(h.core.state().slots).toEqual([]);
    expect((await rawRequest(h.core.state().server.port!, { path: '/' })).status).toBe(404);
  });
});

describe('profile names', () => {
  it("keeps the names of the user's ~/.aws/config SSO profiles, and formats the rest", async () => {
    const standin = await startSsoStandin({ accounts: 2, rolesPerAccount: 2, interval: 1 });
    const account = standin.accounts[1]!;
    const dir = mkdtempSync(join(tmpdir(), 'roletray-awsconfig-'));
    const awsConfigFile = join(dir, 'config');
    writeFileSync(
      awsConfigFile,
      `[sso-session corp]\nsso_start_url = ${standin.startUrl}\nsso_region = ${standin.region}\n\n` +
        `[profile team-admin]\nsso_session = corp\nsso_account_id = ${account.accountId}\nsso_role_name = ${account.roles[0]}\n`,
    );
    const h2 = await startCore({ standinInstance: standin, awsConfigFile });
    try {
      value(await h2.core.ops.signIn({ startUrl: standin.startUrl, region: standin.region }));
      await h2.until((s) => s.sso[0]?.roleCount === 4);
      const names = value(await h2.core.ops.listRoles()).map((r) => r.profileName);
      expect(names).toContain('team-admin');
      expect(names).toContain(`${standin.accounts[0]!.accountId}:${standin.accounts[0]!.roles[0]}`);
      expect(names).not.toContain(`${account.accountId}:${account.roles[0]}`);
    } finally {
      await h2.close();
      await standin.close();
    }
  });
});

describe('opening the AWS console', () => {
  it('signs in through the federation endpoint as a loaded slot or a catalogue role, and opens the login URL', async () => {
    const federation = await startFederationStandin();
    const opened: string[] = [];
    const h3 = await startCore({ standin: { accounts: 2, rolesPerAccount: 1 }, federationUrl: federation.url, opened });
    try {
      value(await h3.core.ops.signIn({ startUrl: h3.standin.startUrl, region: h3.standin.region }));
      await h3.until((s) => s.sso[0]?.roleCount === 2);
      const [a, b] = value(await h3.core.ops.listRoles());
      value(await h3.core.ops.loadRole({ roleKey: a!.key }));
      const loaded = h3.core.service.slots.get('')!.credentials;

      value(await h3.core.ops.openConsole({ slot: '' }));
      expect(federation.requests.at(-1)?.session).toEqual({ sessionId: loaded.accessKeyId, sessionKey: loaded.secretAccessKey, sessionToken: loaded.sessionToken });
      // The browser gets a private page that redirects, never the sign-in URL in its arguments.
      const page = fileURLToPath(opened.at(-1)!);
      expect(statSync(page).mode & 0o777).toBe(0o600);
      expect(opened.at(-1)).not.toContain('SigninToken');
      const url = new URL(/url=([^"]+)"/.exec(readFileSync(page, 'utf8'))![1]!.replaceAll('&amp;', '&'));
      expect(url.searchParams.get('Action')).toBe('login');
      expect(url.searchParams.get('SigninToken')).toBe(federation.tokens.at(-1));
      expect(url.searchParams.get('Destination')).toMatch(/^https:\/\/console\.aws\.amazon\.com\//);

      value(await h3.core.ops.openConsole({ roleKey: b!.key }));
      const issued = h3.standin.stats.issuedCredentials.at(-1)!;
      expect(issued).toMatchObject({ accountId: b!.accountId, roleName: b!.roleName });
      expect(federation.requests.at(-1)?.session?.sessionId).toBe(issued.accessKeyId);
      expect(h3.core.state().slots).toHaveLength(1);

      federation.failWith(500);
      const failed = await h3.core.ops.openConsole({ slot: '' });
      expect(failed).toEqual({ ok: false, error: expect.stringMatching(/500/) });
      expect(failed.ok || failed.error).not.toContain(loaded.secretAccessKey);
      expect(await h3.core.ops.openConsole({ slot: 'nothing' })).toEqual({ ok: false, error: 'No usable credentials in slot "nothing"' });
    } finally {
      await h3.close();
      await federation.close();
    }
  });
});

describe('restarting the core', () => {
  it('restores the slots and token from the secret store, and lists roles from the cache at once', async () => {
    const first = await startCore({ standin: { accounts: 4, rolesPerAccount: 2 } });
    value(await first.core.ops.signIn({ startUrl: first.standin.startUrl, region: first.standin.region }));
    await first.until((s) => s.sso[0]?.roleCount === 8);
    const role = value(await first.core.ops.listRoles())[3]!;
    value(await first.core.ops.loadRole({ roleKey: role.key }));
    value(await first.core.ops.setToken('my-own-token-0123456789'));
    await first.core.stop();

    const second = await startCore({ configDir: first.configDir, secrets: first.secrets, standinInstance: first.standin });
    try {
      const s = second.core.state();
      expect(s.slots.map((x) => x.profileName)).toEqual([role.profileName]);
      expect(s.server.auth).toBe(true);
      expect(s.sso[0]).toMatchObject({ signedIn: true, roleCount: 8 });
      const port = s.server.port!;
      expect((await rawRequest(port, { path: '/', headers: { authorization: 'my-own-token-0123456789' } })).status).toBe(200);
    } finally {
      await second.close();
      await first.standin.close();
    }
  });
});
