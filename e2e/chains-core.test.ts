// Chained roles and IAM users through the real core (createAppCore), the IAM Identity Center and
// STS stand-ins and the real SDK; the AWS CLI and botocore read what the core serves. Every STS
// call of the core goes to the stand-in (stsEndpoint), on loopback.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState, HistoryEntryView, Result } from '../preload/api';
import { runTrayAction, type ShellEffects } from '../main/tray/tray-actions';
import { trayMenu } from '../main/tray/tray-menu';
import { startCore, type Harness } from '../test-support/app-core-harness';
import { awsCli, awsCliCredentials } from '../test-support/aws-cli';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { startFederationStandin, type FederationStandin } from '../test-support/federation-standin';
import { isolateAwsEnvironment } from '../test-support/sso-standin';
import { ssoRoleArn, startStsStandin, type StsStandin, type StsUser } from '../test-support/sts-standin';
import { botocoreCredentials } from '../test-support/tls-botocore';

const SPOKE = '222222222222';
const LEAF = '333333333333';
const DEPLOY = `arn:aws:iam::${SPOKE}:role/Deploy`;
const AUDIT = `arn:aws:iam::${LEAF}:role/ops/Audit`;
const USER_ACCOUNT = '444444444444';
const USER_DEPLOY = `arn:aws:iam::${SPOKE}:role/UserDeploy`;
const USER_AUDIT = `arn:aws:iam::${LEAF}:role/UserAudit`;

let restoreEnv: () => void;
let h: Harness;
let sts: StsStandin;
let home: string;
let hub: { accountId: string; roleName: string; profile: string };
let token: string;
let federation: FederationStandin;
const opened: string[] = [];

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`operation failed: ${r.error}`);
  return r.value;
}
function failure<T>(r: Result<T>): string {
  if (r.ok) throw new Error('the operation succeeded');
  return r.error;
}

beforeAll(async () => {
  restoreEnv = isolateAwsEnvironment();
  home = mkdtempSync(join(tmpdir(), 'roletray-chains-home-'));
  mkdirSync(join(home, '.aws'));
  const awsConfigFile = join(home, '.aws', 'config');
  writeFileSync(awsConfigFile, '');
  // The STS stand-in needs the SSO stand-in to recognise its credentials, and the core needs both URLs: start STS on a stand-in the harness is given.
  const { startSsoStandin } = await import('../test-support/sso-standin');
  const sso = await startSsoStandin({ accounts: 2, rolesPerAccount: 1, interval: 1 });
  sts = await startStsStandin({ ssoStandins: [sso] });
  federation = await startFederationStandin();
  h = await startCore({ standinInstance: sso, stsEndpoint: sts.url, awsConfigFile, federationUrl: federation.url, opened });
  const account = sso.accounts[0]!;
  hub = { accountId: account.accountId, roleName: account.roles[0]!, profile: `${account.accountId}:${account.roles[0]}` };
  sts.addRole({ arn: DEPLOY, trusts: [ssoRoleArn(hub.accountId, hub.roleName)], externalId: 'partner-42' });
  sts.addRole({ arn: AUDIT, trusts: [DEPLOY] });
  value(await h.core.ops.signIn({ startUrl: sso.startUrl, region: sso.region }));
  await h.until((s) => s.sso[0]?.signedIn === true && s.sso[0].roleCount === 2);
  token = value(await h.core.ops.revealToken());
});
afterAll(async () => {
  await h?.close();
  await h?.standin.close();
  await sts?.close();
  await federation?.close();
  restoreEnv?.();
});

/** What a program reading slot `name` is given: the container endpoint and the token, nothing else of AWS. */
function clientEnv(name: string): NodeJS.ProcessEnv {
  return isolatedAwsEnv({
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${h.core.state().server.url}slot/${encodeURIComponent(name)}`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
    AWS_REGION: 'us-east-1',
  });
}

const calls = (action: string) => sts.calls.filter((c) => c.action === action);

/** Resolves with the first MFA prompt that appears (or is already there). */
function nextPrompt(): Promise<AppState['mfaPrompts'][number]> {
  return h.until((s) => s.mfaPrompts.length > 0, 10_000).then((s) => s.mfaPrompts[0]!);
}

describe('a role chained from an IAM Identity Center role', () => {
  it('is assumed with the SSO role credentials and served at /slot/<name>: the AWS CLI and botocore get the chained credentials', async () => {
    const before = calls('AssumeRole').length;
    const loaded = value(
      await h.core.ops.loadAssumed({ definition: { profileName: 'deploy', roleArn: DEPLOY, via: hub.profile, externalId: 'partner-42' }, slotted: true }),
    );
    expect(loaded).toEqual({ slot: 'deploy', profileName: 'deploy' });
    const [call] = calls('AssumeRole').slice(before);
    expect(call).toMatchObject({
      params: expect.objectContaining({ RoleArn: DEPLOY, ExternalId: 'partner-42', RoleSessionName: expect.stringMatching(/^roletray-\d{10}$/) }),
      caller: { kind: 'sso-role', accountId: hub.accountId, principalArn: ssoRoleArn(hub.accountId, hub.roleName) },
    });
    expect(h.standin.findRoleCredentials(call!.accessKeyId!)).toMatchObject({ accountId: hub.accountId, roleName: hub.roleName });
    const issued = call!.issued!.accessKeyId;

    const slot = h.core.state().slots.find((s) => s.name === 'deploy');
    expect(slot).toMatchObject({
      source: 'assumed',
      accountId: SPOKE,
      roleName: 'Deploy',
      refresh: 'ok',
      chain: [`IAM Identity Center ${hub.accountId}/${hub.roleName} (${hub.profile})`, `AssumeRole ${DEPLOY} (deploy)`],
    });
    // What STS granted is what is served: a chained session is at most an hour.
    expect(slot!.expiresAt).toBe(call!.issued!.expiration);
    expect(slot!.expiresAt - Date.now()).toBeLessThanOrEqual(3_600_000);

    const aws = await awsCliCredentials(clientEnv('deploy'));
    expect(aws.creds?.AccessKeyId, aws.stderr).toBe(issued);
    const who = await awsCli(['sts', 'get-caller-identity', '--endpoint-url', sts.url, '--output', 'json'], clientEnv('deploy'));
    expect(JSON.parse(who.stdout)).toMatchObject({ Account: SPOKE, Arn: expect.stringMatching(/^arn:aws:sts::222222222222:assumed-role\/Deploy\/roletray-\d+$/) });
    expect(await botocoreCredentials(clientEnv('deploy'))).toEqual({ ok: true, accessKeyId: issued });
  });

  it('opens the console signed in as the chained role: the federation endpoint is given its session', async () => {
    const before = opened.length;
    value(await h.core.ops.openConsole({ slot: 'deploy' }));
    const [call] = calls('AssumeRole').filter((c) => c.params.RoleArn === DEPLOY).slice(-1);
    expect(federation.requests.at(-1)?.session?.sessionId).toBe(call!.issued!.accessKeyId);
    expect(opened.length).toBe(before + 1);
  });

  it('keeps a saved chain that loadProfile loads again, and shows it', async () => {
    value(await h.core.ops.saveChain({ profileName: 'deploy-saved', roleArn: DEPLOY, via: hub.profile, externalId: 'partner-42' }));
    expect(h.core.state().chains).toContainEqual({ profileName: 'deploy-saved', roleArn: DEPLOY, via: hub.profile, externalId: 'partner-42', origin: 'roletray', startUrl: h.standin.startUrl });
    expect(value(await h.core.ops.loadProfile({ profile: 'deploy-saved' }))).toEqual({ slot: '', profileName: 'deploy-saved' });
    expect(h.core.state().slots[0]).toMatchObject({ name: '', source: 'assumed', accountId: SPOKE });
    value(await h.core.ops.removeChain('deploy-saved'));
    expect(h.core.state().chains.map((c) => c.profileName)).not.toContain('deploy-saved');
  });

  it('loadProfile of an SSO profile loads it from IAM Identity Center, as loadRole does', async () => {
    expect(value(await h.core.ops.loadProfile({ profile: hub.profile, slot: 'hub' }))).toEqual({ slot: 'hub', profileName: hub.profile });
    expect(h.core.state().slots.find((s) => s.name === 'hub')).toMatchObject({ source: 'sso', accountId: hub.accountId });
    expect(h.core.state().slots.find((s) => s.name === 'hub')!.chain).toBeUndefined();
  });

  it('refuses bad input with its reason, before any request to STS', async () => {
    const before = sts.calls.length;
    const def = { profileName: 'bad', roleArn: DEPLOY, via: hub.profile };
    const cases: [object, string][] = [
      [{ roleArn: 'arn:aws:iam::2222:role/Deploy' }, 'Profile bad: role_arn "arn:aws:iam::2222:role/Deploy" is not a role ARN such as arn:aws:iam::123456789012:role/Deploy'],
      [{ externalId: 'x'.repeat(1225) }, 'Profile bad: external_id is 1225 characters long; STS takes at most 1224'],
      [{ durationSeconds: 600 }, 'Profile bad: duration_seconds 600 must be a whole number from 900 to 3600 (the source is itself a role, and AWS caps a chained role session at one hour)'],
      [{ durationSeconds: 7200 }, 'Profile bad: duration_seconds 7200 must be a whole number from 900 to 3600 (the source is itself a role, and AWS caps a chained role session at one hour)'],
      [{ via: 'nowhere' }, /^Profile bad is assumed from nowhere \(its source_profile\), but there is no profile nowhere: /],
    ] as never;
    for (const [change, message] of cases) {
      const error = failure(await h.core.ops.loadAssumed({ definition: { ...def, ...change } }));
      if (typeof message === 'string') expect(error).toBe(message);
      else expect(error).toMatch(message);
    }
    expect(sts.calls.length).toBe(before);
    expect(h.core.state().slots.map((s) => s.name)).not.toContain('bad');
  });

  it('says what STS refused when the external id is wrong, and loads nothing', async () => {
    const error = failure(await h.core.ops.loadAssumed({ definition: { profileName: 'wrong-ext', roleArn: DEPLOY, via: hub.profile, externalId: 'not-it' }, slotted: true, save: true }));
    expect(error).toMatch(new RegExp(`^STS refused to let you assume ${DEPLOY.replaceAll('/', '\\/')}: .+ \\(AccessDenied\\)$`));
    expect(h.core.state().slots.map((s) => s.name)).not.toContain('wrong-ext');
    // Asked to keep it, but it did not work: it is not kept.
    expect(h.core.state().chains.map((c) => c.profileName)).not.toContain('wrong-ext');
  });
});

describe('chains in the Recent and Pinned lists the tray offers', () => {
  const shell: ShellEffects = { copy: async () => undefined, showWindow: () => undefined, revealLogs: () => undefined, installCli: async () => ({ ok: true, value: undefined }), quit: () => undefined, platform: 'linux' };
  const entries = (list: HistoryEntryView[]) => list.map((e) => (e.kind === 'role' ? e.key : `${e.kind}:${e.profileName}`));
  const trayItem = (label: string) => {
    const item = trayMenu(h.core.state(), Date.now()).items.find((i) => i.kind === 'action' && i.label === label);
    return item?.kind === 'action' ? item : undefined;
  };

  it('loading a chain into the default slot puts it first among the recents, and its tray item loads it there again', async () => {
    value(await h.core.ops.saveChain({ profileName: 'daily', roleArn: DEPLOY, via: hub.profile, externalId: 'partner-42' }));
    value(await h.core.ops.loadProfile({ profile: 'daily' }));
    expect(h.core.state().history.recents[0]).toEqual({ kind: 'chain', profileName: 'daily', roleArn: DEPLOY, via: hub.profile });
    // The picker's lists stay roles only.
    expect(h.core.state().recents.map((r) => r.profileName)).not.toContain('daily');
    expect(trayItem(`daily (from ${hub.profile})`)).toMatchObject({ checked: true });

    value(await h.core.ops.unload(''));
    const before = calls('AssumeRole').length;
    const item = trayItem(`daily (from ${hub.profile})`)!;
    expect(item).toMatchObject({ checked: false, action: { type: 'loadProfile', profile: 'daily' } });
    expect(await runTrayAction(item.action, h.core.ops, h.core.state(), shell)).toEqual({ ok: true, value: { slot: '', profileName: 'daily' } });
    expect(calls('AssumeRole').slice(before)).toMatchObject([{ params: expect.objectContaining({ RoleArn: DEPLOY, ExternalId: 'partner-42' }) }]);
    expect(h.core.state().slots.find((s) => s.name === '')).toMatchObject({ profileName: 'daily', source: 'assumed', accountId: SPOKE });
    expect(trayItem(`daily (from ${hub.profile})`)).toMatchObject({ checked: true });
  });

  it('a load into a named slot counts, as a role\'s does; a definition loaded without keeping it does not, one kept does', async () => {
    value(await h.core.ops.saveChain({ profileName: 'weekly', roleArn: DEPLOY, via: hub.profile, externalId: 'partner-42' }));
    value(await h.core.ops.loadProfile({ profile: 'weekly', slotted: true }));
    expect(entries(h.core.state().history.recents).slice(0, 2)).toEqual(['chain:weekly', 'chain:daily']);

    value(await h.core.ops.loadAssumed({ definition: { profileName: 'once', roleArn: DEPLOY, via: hub.profile, externalId: 'partner-42' }, slotted: true }));
    expect(entries(h.core.state().history.recents)).not.toContain('chain:once');
    value(await h.core.ops.loadAssumed({ definition: { profileName: 'kept', roleArn: DEPLOY, via: hub.profile, externalId: 'partner-42' }, slotted: true, save: true }));
    expect(entries(h.core.state().history.recents).slice(0, 3)).toEqual(['chain:kept', 'chain:weekly', 'chain:daily']);
  });

  it('pins a chain for the tray and unpins it; a name no chain or IAM user has is refused', async () => {
    value(await h.core.ops.setPinned({ profile: 'weekly', pinned: true }));
    expect(entries(h.core.state().history.pinned)).toEqual(['chain:weekly']);
    const labels = trayMenu(h.core.state(), Date.now()).items.map((i) => (i.kind === 'separator' ? '---' : i.label));
    expect(labels.slice(labels.indexOf('Pinned'), labels.indexOf('Pinned') + 2)).toEqual(['Pinned', `weekly (from ${hub.profile})`]);
    // Listed once, under Pinned.
    expect(labels.filter((l) => l === `weekly (from ${hub.profile})`)).toHaveLength(1);
    expect(failure(await h.core.ops.setPinned({ profile: 'nobody', pinned: true }))).toBe('There is no chain or IAM user nobody to pin (see Chains & IAM users, or roletray iam list)');
    expect(entries(h.core.state().history.pinned)).toEqual(['chain:weekly']);
    value(await h.core.ops.setPinned({ profile: 'weekly', pinned: false }));
    expect(h.core.state().history.pinned).toEqual([]);
  });

  it('a removed chain leaves both lists, and the tray', async () => {
    value(await h.core.ops.setPinned({ profile: 'kept', pinned: true }));
    value(await h.core.ops.removeChain('kept'));
    expect(entries(h.core.state().history.recents)).not.toContain('chain:kept');
    expect(h.core.state().history.pinned).toEqual([]);
    expect(trayItem(`kept (from ${hub.profile})`)).toBeUndefined();
    for (const name of ['daily', 'weekly']) value(await h.core.ops.removeChain(name));
  });
});

describe('~/.aws/config chains (role_arn + source_profile)', () => {
  beforeAll(() => {
    writeFileSync(
      join(home, '.aws', 'config'),
      [
        '[sso-session corp]',
        `sso_start_url = ${h.standin.startUrl}`,
        `sso_region = ${h.standin.region}`,
        '[profile hub]',
        'sso_session = corp',
        `sso_account_id = ${hub.accountId}`,
        `sso_role_name = ${hub.roleName}`,
        '[profile hop]',
        `role_arn = ${DEPLOY}`,
        'source_profile = hub',
        'external_id = partner-42',
        '[profile target]',
        `role_arn = ${AUDIT}`,
        'source_profile = hop',
        'role_session_name = audit-session',
        '[profile loop-a]',
        `role_arn = ${DEPLOY}`,
        'source_profile = loop-b',
        '[profile loop-b]',
        `role_arn = ${AUDIT}`,
        'source_profile = loop-a',
        '',
      ].join('\n'),
    );
  });

  it('loads a two-hop chain by its profile name: each hop signed with the one before', async () => {
    const before = calls('AssumeRole').length;
    expect(value(await h.core.ops.loadProfile({ profile: 'target', slotted: true }))).toEqual({ slot: 'target', profileName: 'target' });
    const [first, second] = calls('AssumeRole').slice(before);
    expect(first).toMatchObject({ params: expect.objectContaining({ RoleArn: DEPLOY, ExternalId: 'partner-42' }), caller: { kind: 'sso-role' } });
    expect(second).toMatchObject({ params: expect.objectContaining({ RoleArn: AUDIT, RoleSessionName: 'audit-session' }), caller: { kind: 'assumed-role', principalArn: DEPLOY } });
    expect(second!.accessKeyId).toBe(first!.issued!.accessKeyId);
    const slot = h.core.state().slots.find((s) => s.name === 'target');
    expect(slot).toMatchObject({ source: 'assumed', accountId: LEAF, roleName: 'Audit' });
    expect(slot!.chain).toEqual([`IAM Identity Center ${hub.accountId}/${hub.roleName} (hub)`, `AssumeRole ${DEPLOY} (hop)`, `AssumeRole ${AUDIT} (target)`]);
    const aws = await awsCliCredentials(clientEnv('target'));
    expect(aws.creds?.AccessKeyId, aws.stderr).toBe(second!.issued!.accessKeyId);
    // The served RoleArn keeps the role's path.
    const served = await fetch(`${h.core.state().server.url}slot/target`, { headers: { authorization: token } });
    expect(((await served.json()) as { RoleArn: string }).RoleArn).toBe(AUDIT);
  });

  it('lists the config chains read-only, with the loop as their problem', async () => {
    const chains = h.core.state().chains;
    expect(chains.find((c) => c.profileName === 'target')).toEqual({ profileName: 'target', roleArn: AUDIT, via: 'hop', roleSessionName: 'audit-session', origin: 'aws-config', startUrl: h.standin.startUrl });
    expect(chains.find((c) => c.profileName === 'loop-a')?.problem).toBe('The profiles loop: loop-a → loop-b → loop-a; one of them needs another source_profile');
    expect(failure(await h.core.ops.removeChain('target'))).toBe('target is read from ~/.aws/config; RoleTray does not change that file: edit it there');
  });

  it('refuses a loop with the profiles named, sending nothing', async () => {
    const before = sts.calls.length;
    expect(failure(await h.core.ops.loadProfile({ profile: 'loop-b' }))).toBe('The profiles loop: loop-b → loop-a → loop-b; one of them needs another source_profile');
    expect(sts.calls.length).toBe(before);
  });

  it('a config chain loaded by name is a recent; a RoleTray chain of its name removed leaves it there, and it leaves the list once gone from the file', async () => {
    const target = () => h.core.state().history.recents.find((e) => e.profileName === 'target');
    expect(target()).toEqual({ kind: 'chain', profileName: 'target', roleArn: AUDIT, via: 'hop' });
    value(await h.core.ops.saveChain({ profileName: 'target', roleArn: DEPLOY, via: hub.profile, externalId: 'partner-42' }));
    // The saved chain wins a load by that name, and so the list shows it.
    expect(target()).toEqual({ kind: 'chain', profileName: 'target', roleArn: DEPLOY, via: hub.profile });
    value(await h.core.ops.removeChain('target'));
    expect(target()).toEqual({ kind: 'chain', profileName: 'target', roleArn: AUDIT, via: 'hop' });

    const config = join(home, '.aws', 'config');
    const text = readFileSync(config, 'utf8');
    writeFileSync(config, text.replace(/\[profile target\][^[]*/, ''));
    // Any load by name reads the file again.
    failure(await h.core.ops.loadProfile({ profile: 'loop-a' }));
    expect(target()).toBeUndefined();
    writeFileSync(config, text);
    failure(await h.core.ops.loadProfile({ profile: 'loop-a' }));
    expect(target()).toEqual({ kind: 'chain', profileName: 'target', roleArn: AUDIT, via: 'hop' });
  });
});

describe('an IAM user with MFA', () => {
  let alice: StsUser;

  beforeAll(() => {
    alice = sts.addUser({ userName: 'alice', accountId: USER_ACCOUNT, mfa: {} });
    sts.addRole({ arn: USER_DEPLOY, trusts: [alice.arn], requireMfa: true });
    sts.addRole({ arn: USER_AUDIT, trusts: [alice.arn], requireMfa: true });
  });

  it('keeps the keys in the secret store only, after STS said whose they are', async () => {
    value(await h.core.ops.addIamUser({ name: 'alice', accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey, mfaSerial: alice.mfa!.serial }));
    const state = h.core.state();
    expect(state.iamUsers).toEqual([{ name: 'alice', accessKeyHint: `${alice.accessKeyId.slice(0, 4)}…${alice.accessKeyId.slice(-4)}`, mfaSerial: alice.mfa!.serial }]);
    expect(JSON.stringify(state)).not.toContain(alice.secretAccessKey);
    expect(JSON.stringify(state)).not.toContain(alice.accessKeyId);
    expect(state.settings.iamUsers[0]).toMatchObject({ accountId: USER_ACCOUNT, arn: alice.arn });
    expect(await h.secrets.get('iam-user:alice')).toContain(alice.secretAccessKey);

    // A second add under the same name is refused, and the first user's keys stay.
    const again = await h.core.ops.addIamUser({ name: 'alice', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    expect(again).toEqual({ ok: false, error: 'RoleTray already keeps an IAM user named alice; remove it first to replace its keys, or choose another name' });
    expect(await h.secrets.get('iam-user:alice')).toContain(alice.secretAccessKey);
  });

  it('asks for one code; GetSessionToken is cached and two chained roles load without a second prompt', async () => {
    value(await h.core.ops.saveChain({ profileName: 'user-deploy', roleArn: USER_DEPLOY, via: 'alice' }));
    value(await h.core.ops.saveChain({ profileName: 'user-audit', roleArn: USER_AUDIT, via: 'alice' }));
    const sessionsBefore = calls('GetSessionToken').length;
    const loading = h.core.ops.loadProfile({ profile: 'user-deploy', slotted: true });
    const prompt = await nextPrompt();
    expect(prompt).toMatchObject({ mfaSerial: alice.mfa!.serial, profileName: 'alice', reason: 'to load user-deploy' });
    value(await h.core.ops.answerMfa({ id: prompt.id, code: sts.mfaCode(alice.mfa!.serial) }));
    expect(value(await loading)).toEqual({ slot: 'user-deploy', profileName: 'user-deploy' });
    expect(h.core.state().mfaPrompts).toEqual([]);

    let prompted = false;
    const off = h.core.subscribe((s) => (prompted ||= s.mfaPrompts.length > 0));
    expect(value(await h.core.ops.loadProfile({ profile: 'user-audit', slotted: true }))).toEqual({ slot: 'user-audit', profileName: 'user-audit' });
    off();
    expect(prompted).toBe(false);
    const sessions = calls('GetSessionToken').slice(sessionsBefore);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ caller: { kind: 'iam-user' }, params: expect.objectContaining({ SerialNumber: alice.mfa!.serial }) });
    const assumed = calls('AssumeRole').slice(-2);
    expect(assumed.map((c) => c.caller)).toMatchObject([
      { kind: 'iam-user-session', mfa: true },
      { kind: 'iam-user-session', mfa: true },
    ]);
    expect(h.core.state().iamUsers[0]!.sessionExpiresAt).toBe(sessions[0]!.issued!.expiration);
    expect(JSON.parse((await h.secrets.get('iam-session:alice'))!)).toMatchObject({ accessKeyId: sessions[0]!.issued!.accessKeyId, withMfa: true });
    expect(h.core.state().slots.find((s) => s.name === 'user-audit')?.chain).toEqual(['IAM user alice (GetSessionToken)', `AssumeRole ${USER_AUDIT} (user-audit)`]);
    const aws = await awsCliCredentials(clientEnv('user-audit'));
    expect(aws.creds?.AccessKeyId, aws.stderr).toBe(assumed[1]!.issued!.accessKeyId);
  });

  it('serves the IAM user\'s own session, but refuses console sign-in for it with what to do instead', async () => {
    expect(value(await h.core.ops.loadProfile({ profile: 'alice', slotted: true }))).toEqual({ slot: 'alice', profileName: 'alice' });
    expect(h.core.state().slots.find((s) => s.name === 'alice')).toMatchObject({ source: 'iam-user', accountId: USER_ACCOUNT, chain: ['IAM user alice (GetSessionToken)'] });
    const served = await fetch(`${h.core.state().server.url}slot/alice`, { headers: { authorization: token } });
    expect(((await served.json()) as { RoleArn: string }).RoleArn).toBe(alice.arn);
    expect(failure(await h.core.ops.openConsole({ slot: 'alice' }))).toBe(
      "alice is an IAM user's session (GetSessionToken), which the AWS console sign-in refuses; assume a role from the user (roletray load --assume ROLE_ARN --via alice) and open the console as that role",
    );
  });

  it('a wrong code is a clear error and nothing is stored; a cancelled prompt too', async () => {
    const bob = sts.addUser({ userName: 'bob', accountId: USER_ACCOUNT, mfa: {} });
    sts.addRole({ arn: `arn:aws:iam::${SPOKE}:role/Bob`, trusts: [bob.arn], requireMfa: true });
    value(await h.core.ops.addIamUser({ name: 'bob', accessKeyId: bob.accessKeyId, secretAccessKey: bob.secretAccessKey, mfaSerial: bob.mfa!.serial }));
    const right = sts.mfaCode(bob.mfa!.serial);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');

    const loading = h.core.ops.loadAssumed({ definition: { profileName: 'bob-role', roleArn: `arn:aws:iam::${SPOKE}:role/Bob`, via: 'bob' }, slotted: true });
    const prompt = await nextPrompt();
    expect(failure(await h.core.ops.answerMfa({ id: prompt.id, code: '12345' }))).toBe('That MFA code was not sent: an MFA code is the 6 digits your authenticator shows');
    // Whoever typed the code hears STS's answer, as the load that asked does (the window may answer a load the CLI started).
    const refused = /^The MFA code for arn:aws:iam::444444444444:mfa\/bob was not accepted \(STS: .+\); nothing was stored\. Try again with the current code\.$/;
    expect(failure(await h.core.ops.answerMfa({ id: prompt.id, code: wrong }))).toMatch(refused);
    expect(failure(await loading)).toMatch(refused);
    expect(h.core.state().slots.map((s) => s.name)).not.toContain('bob-role');
    expect(await h.secrets.get('iam-session:bob')).toBeUndefined();
    expect(h.core.state().iamUsers.find((u) => u.name === 'bob')?.sessionExpiresAt).toBeUndefined();

    const again = h.core.ops.loadProfile({ profile: 'bob' });
    const second = await nextPrompt();
    value(await h.core.ops.cancelMfa(second.id));
    expect(failure(await again)).toBe('The MFA code for bob was not entered (cancelled); nothing was loaded');
    expect(await h.secrets.get('iam-session:bob')).toBeUndefined();
  });

  it('removing an IAM user removes its keys and session from the secret store, and it leaves the tray\'s lists', async () => {
    value(await h.core.ops.setPinned({ profile: 'alice', pinned: true }));
    const alices = () => [...h.core.state().history.recents, ...h.core.state().history.pinned].filter((e) => e.kind === 'iam-user' && e.profileName === 'alice');
    expect(alices()).toEqual([
      { kind: 'iam-user', profileName: 'alice', mfaSerial: expect.any(String) },
      { kind: 'iam-user', profileName: 'alice', mfaSerial: expect.any(String) },
    ]);
    value(await h.core.ops.removeIamUser('alice'));
    expect(alices()).toEqual([]);
    expect(h.core.state().iamUsers.map((u) => u.name)).toEqual(['bob']);
    expect(await h.secrets.get('iam-user:alice')).toBeUndefined();
    expect(await h.secrets.get('iam-session:alice')).toBeUndefined();
  });
});

describe('keeping a chained slot from an IAM user fresh', () => {
  it('needing a code in the background marks it needs-mfa, asks once with a notice, and a code makes it again', async () => {
    const carol = sts.addUser({ userName: 'carol', accountId: USER_ACCOUNT, mfa: {} });
    sts.addRole({ arn: `arn:aws:iam::${SPOKE}:role/CarolA`, trusts: [carol.arn], requireMfa: true });
    sts.addRole({ arn: `arn:aws:iam::${SPOKE}:role/CarolB`, trusts: [carol.arn], requireMfa: true });
    // This core's clock runs ahead of the stand-ins' when the test says so: refresh is due without waiting 40 minutes.
    let ahead = 0;
    const h2 = await startCore({ standinInstance: h.standin, stsEndpoint: sts.url, now: () => Date.now() + ahead });
    try {
      value(await h2.core.ops.addIamUser({ name: 'carol', accessKeyId: carol.accessKeyId, secretAccessKey: carol.secretAccessKey, mfaSerial: carol.mfa!.serial }));
      const loading = h2.core.ops.loadAssumed({ definition: { profileName: 'carol-a', roleArn: `arn:aws:iam::${SPOKE}:role/CarolA`, via: 'carol' }, slotted: true });
      const first = await h2.until((s) => s.mfaPrompts.length > 0).then((s) => s.mfaPrompts[0]!);
      value(await h2.core.ops.answerMfa({ id: first.id, code: sts.mfaCode(carol.mfa!.serial) }));
      value(await loading);
      value(await h2.core.ops.loadAssumed({ definition: { profileName: 'carol-b', roleArn: `arn:aws:iam::${SPOKE}:role/CarolB`, via: 'carol' }, slotted: true }));
      const before = h2.core.state().slots.find((s) => s.name === 'carol-a')!;

      // The cached session is gone (as when it ends): the next refresh needs a code, with nobody asked yet.
      await h2.secrets.delete('iam-session:carol');
      ahead = before.expiresAt - Date.now() - 19 * 60_000;
      h2.core.wake();
      const waiting = await h2.until((s) => s.mfaPrompts.length > 0 && s.slots.filter((x) => x.refresh === 'needs-mfa').length === 2);
      expect(waiting.mfaPrompts).toEqual([expect.objectContaining({ mfaSerial: carol.mfa!.serial, profileName: 'carol', reason: expect.stringMatching(/^to keep carol-[ab] fresh$/) })]);
      expect(waiting.notices.filter((n) => n.message.startsWith('Enter an MFA code for carol'))).toEqual([
        expect.objectContaining({ level: 'warning', message: expect.stringMatching(/^Enter an MFA code for carol to keep carol-[ab] fresh$/) }),
      ]);
      // Still served meanwhile.
      expect((await fetch(`${h2.core.state().server.url}slot/carol-a`, { headers: { authorization: value(await h2.core.ops.revealToken()) } })).status).toBe(200);

      const sessions = calls('GetSessionToken').length;
      const assumed = calls('AssumeRole').length;
      // The first code may be this same 30 s window's, which STS takes only once: this test is about the refresh, not replays.
      sts.configure({ mfaCodeReuse: 'allow' });
      value(await h2.core.ops.answerMfa({ id: waiting.mfaPrompts[0]!.id, code: sts.mfaCode(carol.mfa!.serial) }));
      const fresh = await h2.until((s) => s.slots.filter((x) => x.name.startsWith('carol-') && x.refresh === 'ok').length === 2);
      expect(fresh.mfaPrompts).toEqual([]);
      expect(calls('GetSessionToken').length).toBe(sessions + 1);
      expect(calls('AssumeRole').slice(assumed).map((c) => c.params.RoleArn).sort()).toEqual([`arn:aws:iam::${SPOKE}:role/CarolA`, `arn:aws:iam::${SPOKE}:role/CarolB`]);
    } finally {
      sts.configure({ mfaCodeReuse: 'refuse' });
      await h2.core.stop();
    }
  });
});

describe('keeping a role chained from IAM Identity Center fresh', () => {
  it('is made again through its source before 15 minutes remain; the source session ending raises the sign-in notice', async () => {
    let ahead = 0;
    const h3 = await startCore({ standinInstance: h.standin, stsEndpoint: sts.url, now: () => Date.now() + ahead });
    try {
      value(await h3.core.ops.signIn({ startUrl: h.standin.startUrl, region: h.standin.region }));
      await h3.until((s) => s.sso[0]?.signedIn === true && s.sso[0].roleCount === 2);
      value(await h3.core.ops.loadAssumed({ definition: { profileName: 'deploy', roleArn: DEPLOY, via: hub.profile, externalId: 'partner-42' }, slotted: true }));
      const first = h3.core.state().slots.find((s) => s.name === 'deploy')!;
      const assumed = calls('AssumeRole').length;

      ahead = first.expiresAt - Date.now() - 19 * 60_000;
      h3.core.wake();
      await expect.poll(() => calls('AssumeRole').length).toBe(assumed + 1);
      const [again] = calls('AssumeRole').slice(assumed);
      // Through its source: new IAM Identity Center role credentials signed the new AssumeRole.
      expect(again).toMatchObject({ params: expect.objectContaining({ RoleArn: DEPLOY, ExternalId: 'partner-42' }), caller: { kind: 'sso-role' } });
      expect(h.standin.findRoleCredentials(again!.accessKeyId!)).toBeDefined();
      expect(again!.accessKeyId).not.toBe(calls('AssumeRole')[assumed - 1]!.accessKeyId);
      await expect.poll(() => h3.core.state().slots.find((x) => x.name === 'deploy')?.refresh).toBe('ok');
      const served = await fetch(`${h3.core.state().server.url}slot/deploy`, { headers: { authorization: value(await h3.core.ops.revealToken()) } });
      expect(((await served.json()) as { AccessKeyId: string }).AccessKeyId).toBe(again!.issued!.accessKeyId);

      h.standin.revokeTokens();
      // Two minutes on: past the least gap between two refreshes, still before the slot ends.
      ahead += 2 * 60_000;
      h3.core.wake();
      await expect.poll(() => h3.core.state().slots.find((x) => x.name === 'deploy')?.refresh).toBe('needs-login');
      const ended = h3.core.state();
      expect(ended.notices.map((n) => n.message)).toContainEqual(expect.stringMatching(new RegExp(`^Sign in to ${h.standin.startUrl} again: .+\\. Loaded roles stay until they expire\\.$`)));
      expect(calls('AssumeRole').length).toBe(assumed + 1);
    } finally {
      await h3.core.stop();
    }
  });
});
