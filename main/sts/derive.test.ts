import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StsUser } from '../../test-support/sts-standin';
import { isolateAwsEnvironment } from '../../test-support/sso-standin';
import { startStsStandin, type StsStandin } from '../../test-support/sts-standin';
import { MfaRequiredError } from '../credentials/errors';
import type { Derivation } from '../credentials/types';
import { MemorySecretStore } from '../secrets/secret-store';
import { JsonSettingsStore } from '../settings/json-settings-store';
import { Deriver } from './derive';
import { IamUsers } from './iam-users';
import { MFA_WAIT_MS, MfaPrompts } from './mfa-prompts';
import { runMfaProcess } from './mfa-process';
import { stsCalls } from './sts-calls';

const ACCOUNT = '444444444444';
const ROLE = 'arn:aws:iam::222222222222:role/Deploy';
const LONG_ROLE = 'arn:aws:iam::222222222222:role/LongRunning';

let restoreEnv: () => void;
let sts: StsStandin;
beforeAll(async () => {
  restoreEnv = isolateAwsEnvironment();
  sts = await startStsStandin();
  // Any IAM user of the account: each test has its own, since STS takes a device's code only once.
  sts.addRole({ arn: ROLE, trusts: [ACCOUNT], requireMfa: true });
  sts.addRole({ arn: LONG_ROLE, trusts: [ACCOUNT], requireMfa: true, maxSessionSeconds: 7200 });
});
afterAll(async () => {
  await sts?.close();
  restoreEnv?.();
});

let made = 0;

/** A Deriver on the STS stand-in with a new IAM user alice (with an MFA device), whose prompt timers the test fires. */
async function setup() {
  alice = sts.addUser({ userName: `alice${++made}`, accountId: ACCOUNT, mfa: {} });
  const secrets = new MemorySecretStore();
  const settings = await JsonSettingsStore.open(join(mkdtempSync(join(tmpdir(), 'roletray-derive-')), 'settings.json'));
  const calls = stsCalls(sts.url);
  const timers: (() => void)[] = [];
  const prompts = new MfaPrompts({ now: Date.now, setTimer: (fn) => timers.push(fn), clearTimer: () => undefined, onChange: () => undefined });
  const users = new IamUsers({ secrets, secretsAvailable: true, settings, sts: async () => calls, now: Date.now });
  await users.add({ name: 'alice', accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey, mfaSerial: alice.mfa!.serial });
  const deriver = new Deriver({
    fetchSsoRole: () => Promise.reject(new Error('no SSO root here')),
    sts: async () => calls,
    users,
    prompts,
    runMfaProcess,
    now: Date.now,
  });
  return { secrets, settings, prompts, users, deriver, timeOut: () => timers.splice(0).forEach((fn) => fn()) };
}

let alice: StsUser;
const deploy: Derivation = { root: { kind: 'iam-user', user: 'alice' }, hops: [{ profileName: 'deploy', roleArn: ROLE }] };

describe('Deriver, from an IAM user with MFA', () => {
  it('stores nothing when no code comes within the wait', async () => {
    const t = await setup();
    const before = sts.calls.length;
    const loading = t.deriver.derive(deploy, 'ask', 'deploy');
    await expect.poll(() => t.prompts.list().length).toBe(1);
    expect(t.prompts.list()[0]!.expiresAt - Date.now()).toBeLessThanOrEqual(MFA_WAIT_MS);
    t.timeOut();
    await expect(loading).rejects.toThrow(`No MFA code was entered for alice (${alice.mfa!.serial}); load it again`);
    expect(sts.calls.length).toBe(before);
    expect(await t.secrets.get('iam-session:alice')).toBeUndefined();
  });

  it('in a background refresh, asks nobody: it says a code is needed, and uses one offered for it', async () => {
    const t = await setup();
    await expect(t.deriver.derive(deploy, 'background', 'deploy')).rejects.toThrow(new MfaRequiredError(alice.mfa!.serial, 'alice'));
    expect(t.prompts.list()).toEqual([]);
    t.deriver.offer(alice.mfa!.serial, sts.mfaCode(alice.mfa!.serial));
    const derived = await t.deriver.derive(deploy, 'background', 'deploy');
    expect(derived).toMatchObject({ arn: ROLE, credentials: { accountId: '222222222222', roleName: 'Deploy' } });
  });

  it('takes the code from mfa_process, and makes a new session when the cached one has ended', async () => {
    const t = await setup();
    const withProcess: Derivation = { root: { kind: 'iam-user', user: 'alice' }, hops: [{ profileName: 'deploy', roleArn: ROLE, mfaProcess: `echo ${sts.mfaCode(alice.mfa!.serial)}` }] };
    const first = await t.deriver.derive(withProcess, 'ask', 'deploy');
    expect(t.prompts.list()).toEqual([]);
    const session = JSON.parse((await t.secrets.get('iam-session:alice'))!) as { accessKeyId: string };
    sts.expireSessions();
    // The cached session still looks good on our clock; STS says it has ended, so one new session is made.
    const again = t.deriver.derive(deploy, 'ask', 'deploy');
    await expect.poll(() => t.prompts.list().length).toBe(1);
    // The same 30 s window's code again: this test is about the session, not about STS refusing a replayed code.
    sts.configure({ mfaCodeReuse: 'allow' });
    t.prompts.answer(t.prompts.list()[0]!.id, sts.mfaCode(alice.mfa!.serial));
    const second = await again;
    expect(second.credentials.accessKeyId).not.toBe(first.credentials.accessKeyId);
    expect(JSON.parse((await t.secrets.get('iam-session:alice'))!).accessKeyId).not.toBe(session.accessKeyId);
    sts.configure({ mfaCodeReuse: 'refuse' });
  });

  it('assumes a role for longer than an hour with the user\'s own keys and the code, since STS caps a role assumed with a session at an hour', async () => {
    const t = await setup();
    const before = sts.calls.length;
    const long: Derivation = { root: { kind: 'iam-user', user: 'alice' }, hops: [{ profileName: 'long', roleArn: LONG_ROLE, durationSeconds: 7200 }] };
    const loading = t.deriver.derive(long, 'ask', 'long');
    await expect.poll(() => t.prompts.list().length).toBe(1);
    t.prompts.answer(t.prompts.list()[0]!.id, sts.mfaCode(alice.mfa!.serial));
    const derived = await loading;
    const made = sts.calls.slice(before);
    expect(made.map((c) => c.action)).toEqual(['AssumeRole']);
    expect(made[0]).toMatchObject({ caller: { kind: 'iam-user' }, params: expect.objectContaining({ DurationSeconds: '7200', SerialNumber: alice.mfa!.serial }) });
    expect(derived.credentials.expiration).toBe(made[0]!.issued!.expiration);
    expect(derived.credentials.expiration - Date.now()).toBeGreaterThan(3_600_000);
    expect(await t.secrets.get('iam-session:alice')).toBeUndefined();
  });

  it('refuses a failing or silent mfa_process with what it printed', async () => {
    await expect(runMfaProcess('echo nope')).rejects.toThrow('mfa_process "echo nope" did not print an MFA code: an MFA code is the 6 digits your authenticator shows');
    await expect(runMfaProcess('echo broken >&2; exit 3')).rejects.toThrow('mfa_process "echo broken >&2; exit 3" failed (broken)');
  });
});

describe('IamUsers.add', () => {
  it('refuses keys that cannot be an IAM user\'s, before any request', async () => {
    const t = await setup();
    const before = sts.calls.length;
    const bad = (over: object) => t.users.add({ name: 'bob', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ...over });
    await expect(bad({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE' })).rejects.toThrow("That access key id (ASIA…) is a temporary one; an IAM user's long-term key id starts with AKIA");
    await expect(bad({ accessKeyId: 'akia-lower' })).rejects.toThrow('The access key id must be 16 to 128 capital letters and digits, such as AKIAIOSFODNN7EXAMPLE');
    await expect(bad({ secretAccessKey: 'has space in it, not a key' })).rejects.toThrow('The secret access key must be 16 to 128 letters, digits or /+= (40 characters, as AWS shows it)');
    await expect(bad({ name: 'a/b' })).rejects.toThrow('The IAM user\'s name: the name contains "/"');
    await expect(bad({ mfaSerial: 'x' })).rejects.toThrow('mfa_serial "x" is neither an MFA device ARN nor a hardware serial');
    expect(sts.calls.length).toBe(before);
  });

  it('refuses keys STS does not know, keeping nothing', async () => {
    const t = await setup();
    await expect(t.users.add({ name: 'mallory', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' })).rejects.toThrow(
      /^STS refused who these keys belong to \(GetCallerIdentity\): .+ \(InvalidClientTokenId\)$/,
    );
    expect(t.users.get('mallory')).toBeUndefined();
    expect(await t.secrets.get('iam-user:mallory')).toBeUndefined();
  });
});
