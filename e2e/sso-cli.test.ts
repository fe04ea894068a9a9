import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingIo } from '../main/cli/cli-test-io';
import { login, roles, ssoPutBody, type SsoCliDeps } from '../main/cli/sso-commands';
import { parseLoadBody } from '../main/credentials/put-body';
import { openHeadlessSecretStore } from '../main/secrets/headless-secret-store';
import type { SsoStandin } from '../test-support/sso-standin';
import { standinPerTest } from '../test-support/standin-per-test';

/** `roletray login`, `roles` and the SSO side of `load`, through the real SDK against the stand-in. */

const startStandin = standinPerTest();

async function setup(awsConfig?: (s: SsoStandin) => string) {
  // One fake clock for the stand-in and the commands, so device-flow polling takes no real time.
  let clock = Date.now();
  const now = () => clock;
  const standin = await startStandin({ accounts: 5, rolesPerAccount: 2, approval: 'auto', pendingPolls: 1, now });
  const configDir = mkdtempSync(join(tmpdir(), 'roletray-cli-'));
  const home = mkdtempSync(join(tmpdir(), 'roletray-cli-home-'));
  const env: NodeJS.ProcessEnv = { HOME: home, ROLETRAY_CONFIG_DIR: configDir, AWS_CONFIG_FILE: join(home, 'config') };
  if (awsConfig) writeFileSync(join(home, 'config'), awsConfig(standin));
  const deps: SsoCliDeps = { openSecrets: openHeadlessSecretStore, endpoint: standin.url, now, sleep: async (ms) => void (clock += ms) };
  return { standin, configDir, env, deps };
}

describe('roletray login / roles / load from SSO', () => {
  it('login prints the URL and code, keeps the session encrypted in 0600 files; roles lists and filters', async () => {
    const t = await setup();
    const a = recordingIo(t.env);
    expect(await login(['--start-url', t.standin.startUrl, '--region', t.standin.region], a, t.deps)).toBe(0);
    expect(a.out).toMatch(/open this URL in a browser and confirm the code [0-9A-F]{4}-[0-9A-F]{4}:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/start\/#\/device\?user_code=/);
    expect(a.out).toMatch(/Signed in to https:\/\/d-standin\.awsapps\.com\/start until \d{4}-.*\(renewed automatically\)/);

    const secretsDir = join(t.configDir, 'secrets');
    const files = readdirSync(secretsDir);
    expect(files.length).toBeGreaterThanOrEqual(2); // registration + token
    for (const f of files) {
      expect(statSync(join(secretsDir, f)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(secretsDir, f), 'latin1')).not.toMatch(/aoa|csec/); // no token in clear
    }

    const b = recordingIo(t.env);
    expect(await roles([], b, t.deps)).toBe(0);
    const lines = b.out.trim().split('\n');
    expect(lines[0]).toMatch(/^PROFILE\s+ACCOUNT\s+ACCOUNT NAME\s+ROLE$/);
    expect(lines).toHaveLength(1 + 10);

    const account = t.standin.accounts[3]!;
    const c = recordingIo(t.env);
    expect(await roles([account.accountName.split(' ')[0]!, account.roles[1]!, '--json'], c, t.deps)).toBe(0);
    const listed = JSON.parse(c.out) as { profileName: string; accountId: string; roleName: string }[];
    expect(listed[0]).toMatchObject({ profileName: `${account.accountId}:${account.roles[1]}`, accountId: account.accountId, roleName: account.roles[1] });

    const d = recordingIo(t.env);
    expect(await roles(['no-such-thing'], d, t.deps)).toBe(1);
    expect(d.out).toMatch(/No role matches/);
  });

  it('load gets credentials by --arn, by --account/--role and by profile name, in the PUT shape', async () => {
    const t = await setup();
    await login(['--start-url', t.standin.startUrl, '--region', t.standin.region], recordingIo(t.env), t.deps);
    const account = t.standin.accounts[1]!;
    const roleName = account.roles[0]!;
    const io = recordingIo(t.env);

    const byArn = await ssoPutBody({ arn: `arn:aws:iam::${account.accountId}:role/${roleName}` }, io, t.deps);
    expect(byArn.ProfileName).toBe(`${account.accountId}:${roleName}`);
    const parsed = parseLoadBody(byArn, '', Date.now());
    expect(parsed.ok).toBe(true);
    expect(t.standin.stats.issuedCredentials.at(-1)!.accessKeyId).toBe(byArn.Creds.accessKeyId);

    const byIds = await ssoPutBody({ account: account.accountId, role: roleName, profile: 'mine' }, io, t.deps);
    expect(byIds.ProfileName).toBe('mine');

    const byName = await ssoPutBody({ profile: `${account.accountId}:${roleName}` }, io, t.deps);
    expect(byName.Creds).toMatchObject({ accountId: account.accountId, roleName });

    await expect(ssoPutBody({ profile: 'nope' }, io, t.deps)).rejects.toThrow(/no role named "nope"/);
  });

  it('uses ~/.aws/config: login without flags, and its profile names', async () => {
    const t = await setup((s) => {
      const a = s.accounts[2]!;
      return `[sso-session work]\nsso_start_url = ${s.startUrl}\nsso_region = ${s.region}\n\n[profile team-admin]\nsso_session = work\nsso_account_id = ${a.accountId}\nsso_role_name = ${a.roles[0]}\n`;
    });
    expect(await login([], recordingIo(t.env), t.deps)).toBe(0);
    const r = recordingIo(t.env);
    await roles(['team-admin', '--json'], r, t.deps);
    expect(JSON.parse(r.out)).toEqual([expect.objectContaining({ profileName: 'team-admin', accountId: t.standin.accounts[2]!.accountId })]);
    const body = await ssoPutBody({ profile: 'team-admin' }, recordingIo(t.env), t.deps);
    expect(body).toMatchObject({ ProfileName: 'team-admin', Creds: { accountId: t.standin.accounts[2]!.accountId } });
  });

  it('explains what to do when not signed in, or when the sign-in is denied', async () => {
    const t = await setup();
    await expect(roles([], recordingIo(t.env), t.deps)).rejects.toThrow(/not signed in \(run: roletray login\)/);
    await expect(login([], recordingIo(t.env), t.deps)).rejects.toThrow(/give --start-url URL --region R/);
    await expect(login(['--start-url', t.standin.startUrl], recordingIo(t.env), t.deps)).rejects.toThrow(/needs --region/);
    t.standin.configure({ approval: 'deny' });
    await expect(login(['--start-url', t.standin.startUrl, '--region', t.standin.region], recordingIo(t.env), t.deps)).rejects.toThrow('the sign-in was denied in the browser');
  });

  it('asks for a new login when the session is over', async () => {
    const t = await setup();
    await login(['--start-url', t.standin.startUrl, '--region', t.standin.region], recordingIo(t.env), t.deps);
    t.standin.revokeTokens();
    await expect(roles(['--refresh'], recordingIo(t.env), t.deps)).rejects.toThrow(/run: roletray login --start-url https:\/\/d-standin/);
  });
});
