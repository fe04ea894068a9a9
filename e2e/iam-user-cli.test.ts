// IAM users from the command line, against a real `roletray serve` and the STS stand-in (reached
// only through AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL_IAM, on loopback): keys go in through a
// pipe, never argv nor ~/.aws/credentials; MFA codes are typed on a real pseudo-terminal or printed
// by mfa_process; one MFA'd session serves every chain from the user; the AWS CLI reads what serve
// then serves; a rotated key replaces the old one, which STS then refuses.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CreateAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, awsCliCredentials } from '../test-support/aws-cli';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { startInPty } from '../test-support/pty-session';
import { CLI, roletray, startServe, withConfigDir, type Run, type Served } from '../test-support/roletray-cli';
import { startStsStandin, type StsStandin, type StsUser } from '../test-support/sts-standin';

const HUB = '111111111111';
const SPOKE = '222222222222';
const DEPLOY = `arn:aws:iam::${SPOKE}:role/Deploy`;
const AUDIT = `arn:aws:iam::${SPOKE}:role/Audit`;

let sts: StsStandin;
let served: Served;
let env: NodeJS.ProcessEnv;
let alice: StsUser;
let bob: StsUser;
let carol: StsUser;

/** A program printing the current code of a TOTP secret, as an mfa_process would (otpauth, as an authenticator computes it). */
function totpScript(dir: string, secret: string): string {
  const otpauth = createRequire(import.meta.url).resolve('otpauth');
  const path = join(dir, 'totp.cjs');
  writeFileSync(
    path,
    `const { TOTP, Secret } = require(${JSON.stringify(otpauth)});\nprocess.stdout.write(new TOTP({ secret: Secret.fromBase32(${JSON.stringify(secret)}), algorithm: 'SHA1', digits: 6, period: 30 }).generate() + '\\n');\n`,
  );
  return `"${process.execPath}" "${path}"`;
}

beforeAll(async () => {
  sts = await startStsStandin();
  alice = sts.addUser({ userName: 'alice', accountId: HUB, mfa: {} });
  bob = sts.addUser({ userName: 'bob', accountId: HUB, mfa: {} });
  carol = sts.addUser({ userName: 'carol', accountId: HUB, mfa: {} });
  const users = [alice.arn, bob.arn, carol.arn];
  sts.addRole({ arn: DEPLOY, trusts: users, requireMfa: true });
  sts.addRole({ arn: AUDIT, trusts: users, requireMfa: true });
  env = withConfigDir(isolatedAwsEnv({ AWS_ENDPOINT_URL_STS: sts.url, AWS_ENDPOINT_URL_IAM: sts.url }));
  // The real ~/.aws files of the temp HOME, so that a key written to ~/.aws/credentials would be seen.
  delete env.AWS_CONFIG_FILE;
  delete env.AWS_SHARED_CREDENTIALS_FILE;
  mkdirSync(join(env.HOME!, '.aws'));
  writeFileSync(
    join(env.HOME!, '.aws', 'config'),
    [
      '[profile deploy]',
      `role_arn = ${DEPLOY}`,
      'source_profile = alice',
      '',
      '[profile audit]',
      `role_arn = ${AUDIT}`,
      'source_profile = alice',
      '',
      '[profile bob-deploy]',
      `role_arn = ${DEPLOY}`,
      'source_profile = bob',
      `mfa_serial = ${bob.mfa!.serial}`,
      `mfa_process = ${totpScript(env.HOME!, bob.mfa!.secret)}`,
      '',
      '[profile carol-deploy]',
      `role_arn = ${DEPLOY}`,
      'source_profile = carol',
      '',
    ].join('\n'),
  );
  served = await startServe(['--port', '0'], env);
});
afterAll(async () => {
  await served?.stop();
  await sts?.close();
});

/**
 * A `roletray` command and the command line its process had while it ran; `stdin`, when given, is
 * written after it has started (it waits for it), as a pipe would give it.
 */
function watched(args: string[], stdin?: string): Promise<Run & { cmdline: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, cmdline }));
    if (stdin !== undefined) setTimeout(() => child.stdin!.end(stdin), 200);
  });
}

/** `roletray iam add NAME` with the key piped in. */
const iamAddPiped = (args: string[], user: StsUser) => watched(['iam', 'add', ...args], `${user.accessKeyId}\n${user.secretAccessKey}\n`);

/** Every file under `dir`, for looking for a key in all of them. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

const slotEnv = async (name: string) =>
  isolatedAwsEnv({
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${served.url}slot/${name}`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: (JSON.parse((await roletray(['auth', '--show', '--json'], env)).stdout) as { token: string }).token,
  });

describe('roletray iam add', () => {
  it('takes the key from a pipe: never in argv, never in ~/.aws/credentials, nowhere readable in the configuration directory', async () => {
    const added = await iamAddPiped(['alice', '--mfa-serial', alice.mfa!.serial], alice);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe(`Added IAM user alice (AKIA…${alice.accessKeyId.slice(-4)}): roletray load -p alice loads its session; roletray load --assume ROLE_ARN --via alice assumes a role from it.\n`);
    expect(added.cmdline).toBe(`${process.execPath} ${CLI} iam add alice --mfa-serial ${alice.mfa!.serial} `);
    expect(added.cmdline).not.toContain(alice.accessKeyId);
    expect(existsSync(join(env.HOME!, '.aws', 'credentials'))).toBe(false);
    for (const file of [...filesUnder(env.HOME!), ...filesUnder(env.ROLETRAY_CONFIG_DIR!)]) {
      const text = readFileSync(file, 'latin1');
      expect(text, file).not.toContain(alice.secretAccessKey);
      expect(text, file).not.toContain(alice.accessKeyId);
    }
    const list = JSON.parse((await roletray(['iam', 'list', '--json'], env)).stdout) as { name: string; accessKeyHint: string; mfaSerial?: string }[];
    expect(list).toEqual([expect.objectContaining({ name: 'alice', accessKeyHint: `AKIA…${alice.accessKeyId.slice(-4)}`, mfaSerial: alice.mfa!.serial })]);
  });

  it('on a terminal asks for the key, the secret not echoed', async () => {
    const dave = sts.addUser({ userName: 'dave', accountId: HUB });
    const pty = startInPty([process.execPath, CLI, 'iam', 'add', 'dave'], env);
    await pty.waitFor(/Access key ID: $/);
    pty.type(`${dave.accessKeyId}\r`);
    await pty.waitFor(/Secret access key: $/);
    pty.type(`${dave.secretAccessKey}\r`);
    expect(await pty.exited, pty.output()).toBe(0);
    // The id is echoed as typed; after the secret's question comes only the end of the line.
    expect(pty.output().replaceAll('\r', '')).toContain(`Access key ID: ${dave.accessKeyId}\nSecret access key: \nAdded IAM user dave (AKIA…${dave.accessKeyId.slice(-4)})`);
    expect(pty.output()).not.toContain(dave.secretAccessKey);
    expect((await roletray(['iam', 'remove', 'dave'], env)).stdout).toBe('Removed IAM user dave and its keys.\n');
  });

  it('refuses a key given as an argument, saying to pipe it', async () => {
    const refused = await roletray(['iam', 'add', 'mallory', '--secret-access-key', 'abc'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^roletray iam: --secret-access-key is not taken: keys are never read from arguments .*pipe them in \(aws iam create-access-key --user-name NAME \| roletray iam add NAME\)/);
    expect((await roletray(['iam', 'list'], env)).stdout).not.toContain('mallory');
  });
});

describe('chains from an IAM user with MFA', () => {
  it('load -p deploy asks for the code on the terminal once; the AWS CLI gets the chained role', async () => {
    const before = sts.calls.length;
    const pty = startInPty([process.execPath, CLI, 'load', '-p', 'deploy', '--slotted'], env);
    await pty.waitFor(new RegExp(`MFA code for ${alice.mfa!.serial.replaceAll('/', '\\/')} \\(to load deploy\\): $`));
    pty.type(`${sts.mfaCode(alice.mfa!.serial)}\r`);
    expect(await pty.exited, pty.output()).toBe(0);
    expect(pty.output()).toContain('Loaded deploy into slot "deploy".');
    const [session, assumed] = sts.calls.slice(before);
    expect(session).toMatchObject({ action: 'GetSessionToken', params: { SerialNumber: alice.mfa!.serial }, caller: { kind: 'iam-user', arn: alice.arn } });
    expect(assumed).toMatchObject({ action: 'AssumeRole', params: expect.objectContaining({ RoleArn: DEPLOY }), accessKeyId: session!.issued!.accessKeyId, caller: { kind: 'iam-user-session', mfa: true } });
    const aws = await awsCliCredentials(await slotEnv('deploy'));
    expect(aws.creds?.AccessKeyId, aws.stderr).toBe(assumed!.issued!.accessKeyId);
    const listed = await roletray(['list'], env);
    expect(listed.stdout).toMatch(new RegExp(`\\ndeploy\\s+deploy\\s+${SPOKE}\\s+Deploy\\s+assumed\\s+\\S+\\n  ↳ .*alice.* → .*Deploy`));
  });

  it('a second chain from the same user loads without a second prompt: the MFA session is reused', async () => {
    const before = sts.calls.length;
    const sessionKey = sts.calls.filter((c) => c.action === 'GetSessionToken').at(-1)!.issued!.accessKeyId;
    // No terminal: had a code been needed, serve (no window) would have said so and failed.
    expect(await roletray(['load', '-p', 'audit', '--slotted'], env)).toMatchObject({ code: 0, stdout: 'Loaded audit into slot "audit".\n', stderr: '' });
    expect(sts.calls.slice(before)).toEqual([expect.objectContaining({ action: 'AssumeRole', accessKeyId: sessionKey, params: expect.objectContaining({ RoleArn: AUDIT }) })]);
  });

  it("mfa_process answers for a chain whose mfa_serial is on its profile, with no prompt", async () => {
    expect((await iamAddPiped(['bob'], bob)).code).toBe(0);
    const before = sts.calls.length;
    expect(await roletray(['load', '-p', 'bob-deploy', '--slotted'], env)).toMatchObject({ code: 0, stdout: 'Loaded bob-deploy into slot "bob-deploy".\n', stderr: '' });
    expect(sts.calls.slice(before).map((c) => [c.action, c.params.SerialNumber, c.error?.code])).toEqual([
      ['GetSessionToken', bob.mfa!.serial, undefined],
      ['AssumeRole', undefined, undefined],
    ]);
  });

  it('a wrong code is refused in plain words and nothing is stored; Ctrl-C at the prompt cancels the load', async () => {
    expect((await iamAddPiped(['carol', '--mfa-serial', carol.mfa!.serial], carol)).code).toBe(0);
    const right = sts.mfaCode(carol.mfa!.serial);
    const wrong = right === '000000' ? '111111' : '000000';
    const pty = startInPty([process.execPath, CLI, 'load', '-p', 'carol-deploy', '--slotted'], env);
    await pty.waitFor(/MFA code for .*carol \(to load carol-deploy\): $/);
    pty.type(`${wrong}\r`);
    expect(await pty.exited, pty.output()).toBe(1);
    expect(pty.output()).toMatch(new RegExp(`roletray load: The MFA code for ${carol.mfa!.serial.replaceAll('/', '\\/')} was not accepted \\(STS: MultiFactorAuthentication failed with invalid MFA one time pass code\\.\\); nothing was stored`));
    expect(sts.calls.at(-1)).toMatchObject({ action: 'GetSessionToken', error: { code: 'AccessDenied' } });
    const state = JSON.parse((await roletray(['list', '--json'], env)).stdout) as { slots: { Slot: string }[] };
    expect(state.slots.map((s) => s.Slot)).not.toContain('carol-deploy');
    const carolView = (JSON.parse((await roletray(['iam', 'list', '--json'], env)).stdout) as { name: string; sessionExpiresAt?: number }[]).find((u) => u.name === 'carol');
    expect(carolView?.sessionExpiresAt).toBeUndefined();

    const before = sts.calls.length;
    const cancelled = startInPty([process.execPath, CLI, 'load', '-p', 'carol-deploy'], env);
    await cancelled.waitFor(/MFA code for .*carol \(to load carol-deploy\): $/);
    cancelled.type('\x03');
    expect(await cancelled.exited, cancelled.output()).toBe(130);
    expect(cancelled.output()).toContain(`roletray load: cancelled: no MFA code was entered for ${carol.mfa!.serial}`);
    expect(sts.calls.length).toBe(before);
    expect((JSON.parse((await roletray(['list', '--json'], env)).stdout) as { default: unknown }).default).toBeNull();
  });
});

/** What the AWS CLI gets from STS for a key pair given in its environment: who it is, or STS's error code. */
async function stsSays(accessKeyId: string, secretAccessKey: string): Promise<string> {
  const run = await awsCli(['sts', 'get-caller-identity', '--endpoint-url', sts.url, '--region', 'us-east-1', '--output', 'json'], isolatedAwsEnv({ AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey }));
  return run.code === 0 ? (JSON.parse(run.stdout) as { Arn: string }).Arn : (/\((\w+)\)/.exec(run.stderr)?.[1] ?? run.stderr);
}

/** `roletray iam rotate ...` with no terminal. */
const rotateWatched = (args: string[]) => watched(['iam', 'rotate', ...args]);

describe('roletray iam rotate', () => {
  it('replaces the key: STS refuses the old one, roletray load -p signs with the new one, which is in no argv and no file in the clear', async () => {
    const frank = sts.addUser({ userName: 'frank', accountId: HUB });
    expect((await iamAddPiped(['frank'], frank)).code).toBe(0);
    const rotated = await rotateWatched(['frank']);
    const [newId] = sts.accessKeys('frank');
    const newSecret = sts.secretOf(newId!)!;
    expect(rotated, rotated.stderr).toMatchObject({ code: 0, stderr: '', stdout: `Rotated frank's access key: AKIA…${newId!.slice(-4)} replaces AKIA…${frank.accessKeyId.slice(-4)} (deleted).\n` });
    expect(sts.accessKeys('frank')).toEqual([newId]);
    expect(await stsSays(frank.accessKeyId, frank.secretAccessKey)).toBe('InvalidClientTokenId');
    expect(await stsSays(newId!, newSecret)).toBe(frank.arn);

    const before = sts.calls.length;
    expect(await roletray(['load', '-p', 'frank', '--slotted'], env)).toMatchObject({ code: 0, stdout: 'Loaded frank into slot "frank".\n', stderr: '' });
    const session = sts.calls.slice(before).find((c) => c.action === 'GetSessionToken')!;
    expect(session).toMatchObject({ accessKeyId: newId, caller: { kind: 'iam-user', arn: frank.arn } });
    const aws = await awsCliCredentials(await slotEnv('frank'));
    expect(aws.creds?.AccessKeyId, aws.stderr).toBe(session.issued!.accessKeyId);

    expect(rotated.cmdline).toBe(`${process.execPath} ${CLI} iam rotate frank `);
    const serveCmdline = readFileSync(`/proc/${served.child.pid}/cmdline`, 'utf8');
    for (const text of [rotated.cmdline, serveCmdline]) expect(text).not.toContain(newSecret);
    expect(existsSync(join(env.HOME!, '.aws', 'credentials'))).toBe(false);
    for (const file of [...filesUnder(env.HOME!), ...filesUnder(env.ROLETRAY_CONFIG_DIR!)]) {
      const text = readFileSync(file, 'latin1');
      expect(text, file).not.toContain(newSecret);
      expect(text, file).not.toContain(newId);
    }
    const listed = JSON.parse((await roletray(['iam', 'list', '--json'], env)).stdout) as { name: string; accessKeyHint: string }[];
    expect(listed.find((u) => u.name === 'frank')?.accessKeyHint).toBe(`AKIA…${newId!.slice(-4)}`);
  });

  it('a user with two keys already is told what to delete, with exit 1, and keeps its key', async () => {
    const [current] = sts.accessKeys('frank');
    const iam = new IAMClient({ endpoint: sts.url, region: 'us-east-1', credentials: { accessKeyId: current!, secretAccessKey: sts.secretOf(current!)! }, maxAttempts: 1 });
    const spare = (await iam.send(new CreateAccessKeyCommand({}))).AccessKey!.AccessKeyId!;
    const refused = await roletray(['iam', 'rotate', 'frank'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `roletray iam: frank already has two access keys, the most IAM allows, so no new one was made; nothing was changed. Delete the unused one (not AKIA…${current!.slice(-4)}, which RoleTray uses) in the IAM console or with aws iam delete-access-key --user-name frank --access-key-id ID (aws iam list-access-keys --user-name frank lists both), then rotate again\n`,
    );
    expect(sts.accessKeys('frank')).toEqual([current, spare]);
    // The AWS CLI, as the message says: then the rotation goes through.
    const deleted = await awsCli(['iam', 'delete-access-key', '--access-key-id', spare, '--endpoint-url', sts.url, '--region', 'us-east-1'], isolatedAwsEnv({ AWS_ACCESS_KEY_ID: current!, AWS_SECRET_ACCESS_KEY: sts.secretOf(current!)! }));
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await roletray(['iam', 'rotate', 'frank', '--json'], env)).code).toBe(0);
    expect(sts.accessKeys('frank')).toHaveLength(1);
    expect(sts.accessKeys('frank')).not.toContain(current);
  });

  it('with an MFA device asks on the terminal for one code, whose session makes the new key and deletes the old; the next load signs with the new key', async () => {
    const erin = sts.addUser({ userName: 'erin', accountId: HUB, mfa: {} });
    expect((await iamAddPiped(['erin', '--mfa-serial', erin.mfa!.serial], erin)).code).toBe(0);
    const serial = erin.mfa!.serial.replaceAll('/', '\\/');
    const hinted = `AKIA…${erin.accessKeyId.slice(-4)}`;
    const pty = startInPty([process.execPath, CLI, 'iam', 'rotate', 'erin'], env);
    await pty.waitFor(new RegExp(`MFA code for ${serial} \\(to rotate erin's access key ${hinted}\\): $`));
    pty.type(`${sts.mfaCode(erin.mfa!.serial)}\r`);
    expect(await pty.exited, pty.output()).toBe(0);
    const [newId] = sts.accessKeys('erin');
    expect(pty.output()).toContain(`Rotated erin's access key: AKIA…${newId!.slice(-4)} replaces ${hinted} (deleted).`);
    expect(pty.output().match(/MFA code for/g)).toHaveLength(1);
    expect(await stsSays(erin.accessKeyId, erin.secretAccessKey)).toBe('InvalidClientTokenId');

    // The old key's session is gone with it: the next load asks for a code and makes a session of the new key.
    const load = startInPty([process.execPath, CLI, 'load', '-p', 'erin', '--slotted'], env);
    await load.waitFor(new RegExp(`MFA code for ${serial}`));
    load.type(`${sts.mfaCode(erin.mfa!.serial, Date.now() + 30_000)}\r`);
    expect(await load.exited, load.output()).toBe(0);
    const newSession = sts.calls.filter((c) => c.action === 'GetSessionToken' && c.accessKeyId === newId);
    expect(newSession).toHaveLength(1);
    const aws = await awsCliCredentials(await slotEnv('erin'));
    expect(aws.creds?.AccessKeyId, aws.stderr).toBe(newSession[0]!.issued!.accessKeyId);
  });
});
