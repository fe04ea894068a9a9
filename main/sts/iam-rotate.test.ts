import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isolateAwsEnvironment } from '../../test-support/sso-standin';
import { startStsStandin, type StsStandin } from '../../test-support/sts-standin';
import { MemorySecretStore } from '../secrets/secret-store';
import { JsonSettingsStore } from '../settings/json-settings-store';
import type { SettingsStore } from '../settings/settings-store';
import { Deriver } from './derive';
import { iamCalls } from './iam-calls';
import { KeyRotation, USABLE_TRIES, USABLE_WAIT_MS } from './iam-rotate';
import { IamUsers } from './iam-users';
import { MfaPrompts } from './mfa-prompts';
import { runMfaProcess } from './mfa-process';
import { stsCalls } from './sts-calls';

// Every call goes to the STS stand-in, which answers IAM's access-key actions on the same keys.
const ACCOUNT = '555555555555';
const hint = (id: string) => `${id.slice(0, 4)}…${id.slice(-4)}`;

let restoreEnv: () => void;
let sts: StsStandin;
beforeAll(async () => {
  restoreEnv = isolateAwsEnvironment();
  sts = await startStsStandin();
});
afterAll(async () => {
  await sts?.close();
  restoreEnv?.();
});
afterEach(() => sts.configure({ now: undefined, newKeyDelayMs: 0 }));

let made = 0;

/** A store whose writes of one secret fail while `failing` is set: a full disk, a locked keychain. */
class FailingSecrets extends MemorySecretStore {
  failing?: string;
  override async set(name: string, value: string): Promise<void> {
    if (this.failing === name) throw new Error('disk full');
    return super.set(name, value);
  }
}

/** A new IAM user in the stand-in, kept by an IamUsers over a memory secret store, with a KeyRotation whose waits the test sees. */
async function setup(options: { mfa?: boolean; settings?: (real: SettingsStore) => SettingsStore } = {}) {
  const user = sts.addUser({ userName: `rotor${++made}`, accountId: ACCOUNT, ...(options.mfa ? { mfa: {} } : {}) });
  const secrets = new FailingSecrets();
  const real = await JsonSettingsStore.open(join(mkdtempSync(join(tmpdir(), 'roletray-rotate-')), 'settings.json'));
  const settings = options.settings?.(real) ?? real;
  const stsClient = stsCalls(sts.url);
  const iamClient = iamCalls(sts.url);
  const prompts = new MfaPrompts({ now: Date.now, setTimer: () => undefined, clearTimer: () => undefined, onChange: () => undefined });
  const users = new IamUsers({ secrets, secretsAvailable: true, settings, sts: async () => stsClient, now: Date.now });
  await users.add({ name: 'alice', accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey, ...(user.mfa ? { mfaSerial: user.mfa.serial } : {}) });
  const deriver = new Deriver({ fetchSsoRole: () => Promise.reject(new Error('no SSO root here')), sts: async () => stsClient, users, prompts, runMfaProcess, now: Date.now });
  // The waits are recorded and move a clock the stand-in can be given, instead of passing.
  const waits: number[] = [];
  const clock = { now: Date.now() };
  const sleep = async (ms: number) => {
    waits.push(ms);
    clock.now += ms;
  };
  const rotation = new KeyRotation({ users, sts: async () => stsClient, iam: async () => iamClient, sessions: deriver, sleep });
  return { user, secrets, settings: real, users, prompts, rotation, waits, clock, iamClient, stsClient, stored: async () => JSON.parse((await secrets.get('iam-user:alice'))!) as { accessKeyId: string } };
}

/** Whether STS takes this key pair now. */
const works = async (t: Awaited<ReturnType<typeof setup>>, keys: { accessKeyId: string; secretAccessKey: string }) =>
  t.stsClient.callerIdentity(keys, 'us-east-1').then(
    () => true,
    (err: { code?: string }) => (err.code === 'InvalidClientTokenId' ? false : Promise.reject(err)),
  );

/** Answers the one waiting MFA prompt with the device's code at `at`, once it is raised; resolves with its reason. */
async function answerPrompt(t: Awaited<ReturnType<typeof setup>>, at: number): Promise<string> {
  await expect.poll(() => t.prompts.list().length).toBe(1);
  const prompt = t.prompts.list()[0]!;
  void t.prompts.answer(prompt.id, sts.mfaCode(t.user.mfa!.serial, at)).catch(() => undefined);
  return prompt.reason;
}

describe('KeyRotation, a user without MFA', () => {
  it('makes a new key with the old one, checks it, stores it, deletes the old key with the new one: the old key stops working', async () => {
    const t = await setup();
    const before = sts.calls.length;
    const rotated = await t.rotation.rotate('alice');
    const [newId] = sts.accessKeys(t.user.userName);
    expect(sts.accessKeys(t.user.userName)).toEqual([newId]);
    expect(newId).not.toBe(t.user.accessKeyId);
    expect(rotated).toEqual({ name: 'alice', accessKeyHint: hint(newId!), replacedKeyHint: hint(t.user.accessKeyId) });
    expect(sts.calls.slice(before).map((c) => [c.service ?? 'sts', c.action, c.accessKeyId, c.params])).toEqual([
      // No UserName: IAM takes the calling user.
      ['iam', 'CreateAccessKey', t.user.accessKeyId, {}],
      ['sts', 'GetCallerIdentity', newId, {}],
      ['iam', 'DeleteAccessKey', newId, { AccessKeyId: t.user.accessKeyId }],
    ]);
    expect((await t.stored()).accessKeyId).toBe(newId);
    expect(t.users.get('alice')?.accessKeyHint).toBe(hint(newId!));
    expect(await works(t, t.user)).toBe(false);
    expect(await works(t, await t.users.keys('alice'))).toBe(true);
    expect(t.waits).toEqual([]);
  });

  it('waits, a bounded few times, for a new key IAM has not spread yet', async () => {
    const t = await setup();
    // The stand-in's clock moves only with the rotation's waits.
    sts.configure({ now: () => t.clock.now, newKeyDelayMs: 2 * USABLE_WAIT_MS });
    const before = sts.calls.length;
    await t.rotation.rotate('alice');
    expect(t.waits).toEqual([USABLE_WAIT_MS, USABLE_WAIT_MS]);
    expect(sts.calls.slice(before).map((c) => [c.action, c.error?.code])).toEqual([
      ['CreateAccessKey', undefined],
      ['GetCallerIdentity', 'InvalidClientTokenId'],
      ['GetCallerIdentity', 'InvalidClientTokenId'],
      ['GetCallerIdentity', undefined],
      ['DeleteAccessKey', undefined],
    ]);
  });

  it('a new key that never works is deleted again, and the old key stays in use', async () => {
    const t = await setup();
    sts.configure({ newKeyDelayMs: 3_600_000 });
    await expect(t.rotation.rotate('alice')).rejects.toThrow(
      new RegExp(`^The new access key AKIA…\\w{4} did not work within 11 s \\(STS refused who these keys belong to \\(GetCallerIdentity\\): The security token included in the request is invalid\\. \\(InvalidClientTokenId\\)\\); RoleTray keeps using ${hint(t.user.accessKeyId)}, and the new key AKIA…\\w{4} was deleted again$`),
    );
    expect(t.waits).toHaveLength(USABLE_TRIES - 1);
    expect(sts.accessKeys(t.user.userName)).toEqual([t.user.accessKeyId]);
    expect((await t.stored()).accessKeyId).toBe(t.user.accessKeyId);
    expect(t.users.get('alice')?.accessKeyHint).toBe(hint(t.user.accessKeyId));
    expect(await works(t, t.user)).toBe(true);
  });

  it('a user with two keys already is told to delete the unused one, and nothing changes', async () => {
    const t = await setup();
    const other = await t.iamClient.createAccessKey(t.user);
    const before = sts.calls.length;
    await expect(t.rotation.rotate('alice')).rejects.toThrow(
      `alice already has two access keys, the most IAM allows, so no new one was made; nothing was changed. Delete the unused one (not ${hint(t.user.accessKeyId)}, which RoleTray uses) in the IAM console or with aws iam delete-access-key --user-name ${t.user.userName} --access-key-id ID (aws iam list-access-keys --user-name ${t.user.userName} lists both), then rotate again`,
    );
    expect(sts.calls.slice(before)).toEqual([expect.objectContaining({ action: 'CreateAccessKey', error: { code: 'LimitExceeded', message: 'Cannot exceed quota for AccessKeysPerUser: 2' } })]);
    expect(sts.accessKeys(t.user.userName)).toEqual([t.user.accessKeyId, other.accessKeyId]);
    expect((await t.stored()).accessKeyId).toBe(t.user.accessKeyId);
  });

  it('a policy without iam:CreateAccessKey is named, and nothing changes', async () => {
    const t = await setup();
    sts.denyIam(t.user.userName, ['CreateAccessKey']);
    await expect(t.rotation.rotate('alice')).rejects.toThrow(
      `IAM refused to make a new access key for alice: its policies must allow iam:CreateAccessKey on itself (${t.user.arn}); nothing was changed (IAM: User: ${t.user.arn} is not authorized to perform: iam:CreateAccessKey on resource: user ${t.user.userName} because no identity-based policy allows the iam:CreateAccessKey action)`,
    );
    expect(sts.accessKeys(t.user.userName)).toEqual([t.user.accessKeyId]);
    expect((await t.stored()).accessKeyId).toBe(t.user.accessKeyId);
  });

  it('a policy without iam:DeleteAccessKey: the new key is kept and used, and the old key id is named to delete by hand', async () => {
    const t = await setup();
    sts.denyIam(t.user.userName, ['DeleteAccessKey']);
    const rotating = t.rotation.rotate('alice');
    await expect(rotating).rejects.toThrow(
      new RegExp(
        `^alice's new access key AKIA…\\w{4} is stored and used from now on, but the old key ${t.user.accessKeyId} was not deleted \\(IAM refused: its policies must allow iam:DeleteAccessKey on itself \\(${t.user.arn.replaceAll('/', '\\/')}\\) \\(IAM: User: .* is not authorized to perform: iam:DeleteAccessKey .*\\)\\): delete it in the IAM console or with aws iam delete-access-key --user-name ${t.user.userName} --access-key-id ${t.user.accessKeyId}$`,
      ),
    );
    const newId = sts.accessKeys(t.user.userName).find((id) => id !== t.user.accessKeyId)!;
    expect(sts.accessKeys(t.user.userName)).toEqual([t.user.accessKeyId, newId]);
    expect((await t.stored()).accessKeyId).toBe(newId);
    expect(t.users.get('alice')?.accessKeyHint).toBe(hint(newId));
    expect(await works(t, await t.users.keys('alice'))).toBe(true);
  });

  it('a new key that cannot be stored is deleted again; the old key is still the stored one', async () => {
    const t = await setup();
    t.secrets.failing = 'iam-user:alice';
    await expect(t.rotation.rotate('alice')).rejects.toThrow(/^The new access key AKIA…\w{4} could not be stored \(disk full\); RoleTray keeps using AKIA…\w{4}, and the new key AKIA…\w{4} was deleted again$/);
    t.secrets.failing = undefined;
    expect(sts.accessKeys(t.user.userName)).toEqual([t.user.accessKeyId]);
    expect((await t.stored()).accessKeyId).toBe(t.user.accessKeyId);
  });

  it('a hint that cannot be written puts the old key back in the store, and the new key is deleted again', async () => {
    let refuse = false;
    const t = await setup({
      settings: (real) => ({
        get: () => real.get(),
        update: (patch) => (refuse ? Promise.reject(new Error('settings file is read-only')) : real.update(patch)),
        subscribe: (listener) => real.subscribe(listener),
        notices: real.notices,
      }),
    });
    refuse = true;
    await expect(t.rotation.rotate('alice')).rejects.toThrow(/could not be stored \(settings file is read-only\); RoleTray keeps using .*was deleted again$/);
    expect((await t.stored()).accessKeyId).toBe(t.user.accessKeyId);
    expect(t.users.get('alice')?.accessKeyHint).toBe(hint(t.user.accessKeyId));
    expect(sts.accessKeys(t.user.userName)).toEqual([t.user.accessKeyId]);
    expect(await works(t, t.user)).toBe(true);
  });

  it('a key IAM no longer knows is said to be so, and an unknown user or a second rotation at once is refused', async () => {
    const t = await setup();
    await t.iamClient.deleteAccessKey(t.user, t.user.accessKeyId);
    await expect(t.rotation.rotate('alice')).rejects.toThrow(
      `IAM does not accept alice's access key ${hint(t.user.accessKeyId)} (IAM refused to create a new access key (CreateAccessKey): The security token included in the request is invalid. (InvalidClientTokenId)); nothing was changed. If the key was deleted or deactivated, remove alice and add it again with a working key`,
    );
    await expect(t.rotation.rotate('bob')).rejects.toThrow('There is no IAM user bob in RoleTray (see roletray iam list)');

    const u = await setup();
    const first = u.rotation.rotate('alice');
    await expect(u.rotation.rotate('alice')).rejects.toThrow("alice's access key is already being rotated; wait for that to end");
    await first;
    expect(sts.accessKeys(u.user.userName)).toHaveLength(1);
  });
});

describe('KeyRotation, a user with an MFA device', () => {
  it("asks one code, for the MFA'd session that makes the new key and deletes the old; the next load makes the new key's session", async () => {
    const t = await setup({ mfa: true });
    const before = sts.calls.length;
    const rotating = t.rotation.rotate('alice');
    expect(await answerPrompt(t, Date.now())).toBe(`to rotate alice's access key ${hint(t.user.accessKeyId)}`);
    await rotating;
    expect(t.prompts.list()).toEqual([]);
    const [newId] = sts.accessKeys(t.user.userName);
    const calls = sts.calls.slice(before);
    expect(calls.map((c) => [c.action, c.caller?.kind, c.caller?.mfa, c.error?.code])).toEqual([
      ['GetSessionToken', 'iam-user', false, undefined],
      ['CreateAccessKey', 'iam-user-session', true, undefined],
      ['GetCallerIdentity', 'iam-user', false, undefined],
      ['DeleteAccessKey', 'iam-user-session', true, undefined],
    ]);
    // The old key's session made the new key and deleted the old one; the new key signed only its check.
    expect(calls[1]!.accessKeyId).toBe(calls[0]!.issued!.accessKeyId);
    expect(calls[3]!.accessKeyId).toBe(calls[0]!.issued!.accessKeyId);
    expect(calls[2]!.accessKeyId).toBe(newId);
    // That session came from the old key: it is not kept for the next load.
    expect(await t.users.session('alice')).toBeUndefined();
    expect(await works(t, t.user)).toBe(false);
  });

  it('a cancelled code changes nothing: no new key, the old one stored and in use', async () => {
    const t = await setup({ mfa: true });
    const rotating = t.rotation.rotate('alice');
    await expect.poll(() => t.prompts.list().length).toBe(1);
    t.prompts.cancel(t.prompts.list()[0]!.id);
    await expect(rotating).rejects.toThrow('The MFA code for alice was not entered (cancelled); no new access key was made and nothing was changed');
    expect(sts.accessKeys(t.user.userName)).toEqual([t.user.accessKeyId]);
    expect((await t.stored()).accessKeyId).toBe(t.user.accessKeyId);
  });
});
