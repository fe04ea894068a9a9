import { execFile, execFileSync } from 'node:child_process';
import { SSOClient, GetRoleCredentialsCommand } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsCli } from '../test-support/aws-cli';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { isolateAwsEnvironment, startSsoStandin, type SsoStandin } from '../test-support/sso-standin';
import { SSO_USER, ssoRoleArn, startStsStandin, type StsStandin, type StsStandinOptions } from '../test-support/sts-standin';

/**
 * The STS stand-in, read by the clients RoleTray's users run: @aws-sdk/client-sts, the AWS CLI and
 * botocore, each pointed at it by its endpoint setting so none can reach a real AWS host.
 */

const HUB = '111111111111';
const SPOKE = '222222222222';
const LEAF = '333333333333';
const DEPLOY = `arn:aws:iam::${SPOKE}:role/Deploy`;
const AUDIT = `arn:aws:iam::${LEAF}:role/ops/Audit`;

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

let restoreEnv: () => void;
beforeAll(() => {
  restoreEnv = isolateAwsEnvironment();
});
afterAll(() => restoreEnv());

let sts: StsStandin;
let sso: SsoStandin | undefined;
afterEach(async () => {
  await sts?.close();
  await sso?.close();
  sso = undefined;
});

const start = async (options: StsStandinOptions = {}) => (sts = await startStsStandin(options));

const client = (keys: Keys) => new STSClient({ endpoint: sts.url, region: 'us-east-1', credentials: keys, maxAttempts: 1 });
const keysOf = (c: Credentials | undefined): Keys => ({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
const assume = (keys: Keys, input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> & { RoleArn: string }) =>
  client(keys).send(new AssumeRoleCommand({ RoleSessionName: 'roletray', ...input }));

/** The error a request fails with, as the SDK names and words it. */
async function refusal(request: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  const err = (await request.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
  if (!err) throw new Error('the request succeeded');
  return { name: err.name, message: err.message, ...(err.$metadata?.httpStatusCode ? { status: err.$metadata.httpStatusCode } : {}) };
}

/** Role credentials from the IAM Identity Center stand-in, through the real SSO clients (device sign-in approved at once). */
async function ssoRoleKeys(standin: SsoStandin, accountId: string, roleName: string): Promise<Keys> {
  const config = { endpoint: standin.url, region: standin.region, maxAttempts: 1 };
  const oidc = new SSOOIDCClient(config);
  const registered = await oidc.send(new RegisterClientCommand({ clientName: 'sts-standin-test', clientType: 'public' }));
  const auth = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: registered.clientId, clientSecret: registered.clientSecret, startUrl: standin.startUrl }));
  const token = await oidc.send(
    new CreateTokenCommand({ clientId: registered.clientId, clientSecret: registered.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: auth.deviceCode }),
  );
  const { roleCredentials } = await new SSOClient(config).send(new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId, roleName }));
  return { accessKeyId: roleCredentials!.accessKeyId!, secretAccessKey: roleCredentials!.secretAccessKey!, sessionToken: roleCredentials!.sessionToken! };
}

describe('IAM users and GetSessionToken', () => {
  it('knows an IAM user by its long-term keys, and answers GetCallerIdentity with the user', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    expect(alice.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    const identity = await client(alice).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Arn: `arn:aws:iam::${HUB}:user/alice`, Account: HUB, UserId: expect.stringMatching(/^AIDA[0-9A-F]{17}$/) });
    expect(sts.calls).toEqual([{ action: 'GetCallerIdentity', accessKeyId: alice.accessKeyId, params: {}, caller: expect.objectContaining({ kind: 'iam-user', arn: alice.arn }) }]);
  });

  it('issues session credentials for 12 hours by default, which then act as the user', async () => {
    let clock = Date.UTC(2026, 11, 1, 12, 0, 0);
    await start({ now: () => clock });
    const alice = sts.addUser({ userName: 'alice', accountId: HUB, accessKeyId: 'AKIAALICE0000EXAMPLE', secretAccessKey: 'alice-secret' });
    const { Credentials: session } = await client(alice).send(new GetSessionTokenCommand({}));
    expect(session!.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(session!.Expiration!.getTime()).toBe(clock + 43_200_000);
    const identity = await client(keysOf(session)).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(alice.arn);
    expect(sts.calls.map((c) => [c.action, c.caller?.kind, c.accessKeyId])).toEqual([
      ['GetSessionToken', 'iam-user', 'AKIAALICE0000EXAMPLE'],
      ['GetCallerIdentity', 'iam-user-session', session!.AccessKeyId],
    ]);
    expect(sts.calls[0]!.issued).toEqual({ accessKeyId: session!.AccessKeyId, expiration: clock + 43_200_000 });
    clock += 43_200_000;
    expect(await refusal(client(keysOf(session)).send(new GetCallerIdentityCommand({})))).toEqual({ name: 'ExpiredToken', message: 'The security token included in the request is expired', status: 400 });
  });

  it('refuses GetSessionToken with session credentials, and a duration outside 900 to 129600', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    const { Credentials: session } = await client(alice).send(new GetSessionTokenCommand({ DurationSeconds: 129_600 }));
    expect(await refusal(client(keysOf(session)).send(new GetSessionTokenCommand({})))).toEqual({ name: 'AccessDenied', message: 'Cannot call GetSessionToken with session credentials', status: 403 });
    expect(await refusal(client(alice).send(new GetSessionTokenCommand({ DurationSeconds: 129_601 })))).toEqual({
      name: 'ValidationError',
      message: "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600",
      status: 400,
    });
    expect((await refusal(client(alice).send(new GetSessionTokenCommand({ DurationSeconds: 899 })))).message).toBe(
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
  });
});

describe('who may call', () => {
  it('refuses a wrong secret with SignatureDoesNotMatch, and records the key it was signed with but no caller', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    expect(await refusal(client({ ...alice, secretAccessKey: `${alice.secretAccessKey}x` }).send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      status: 403,
    });
    expect(sts.calls[0]).toMatchObject({ accessKeyId: alice.accessKeyId, error: { code: 'SignatureDoesNotMatch' } });
    expect(sts.calls[0]!.caller).toBeUndefined();
  });

  it('refuses an unknown key, and session keys sent without their token or with another one, as InvalidClientTokenId', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    const invalid = { name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', status: 403 };
    expect(await refusal(client({ accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({})))).toEqual(invalid);
    const { Credentials: session } = await client(alice).send(new GetSessionTokenCommand({}));
    const keys = keysOf(session);
    expect(await refusal(client({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }).send(new GetCallerIdentityCommand({})))).toEqual(invalid);
    expect(await refusal(client({ ...keys, sessionToken: `${keys.sessionToken}x` }).send(new GetCallerIdentityCommand({})))).toEqual(invalid);
    expect(await refusal(client({ ...alice, sessionToken: keys.sessionToken }).send(new GetCallerIdentityCommand({})))).toEqual(invalid);
  });

  it('ends every session it issued on expireSessions(), and not the users’ own keys', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    const { Credentials: session } = await client(alice).send(new GetSessionTokenCommand({}));
    sts.expireSessions();
    expect((await refusal(client(keysOf(session)).send(new GetCallerIdentityCommand({})))).name).toBe('ExpiredToken');
    expect((await client(alice).send(new GetCallerIdentityCommand({}))).Arn).toBe(alice.arn);
  });

  it('answers an unsigned request with STS’s XML error, word for word', async () => {
    await start();
    const res = await fetch(sts.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const requestId = res.headers.get('x-amzn-requestid');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.text()).toBe(
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>MissingAuthenticationToken</Code>
    <Message>Request is missing Authentication Token</Message>
  </Error>
  <RequestId>${requestId}</RequestId>
</ErrorResponse>
`,
    );
  });

  it('refuses an Authorization header that is not SigV4 as IncompleteSignature', async () => {
    await start();
    const res = await fetch(sts.url, { method: 'POST', headers: { authorization: 'Bearer abc' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("<Code>IncompleteSignature</Code>\n    <Message>Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters: 'Bearer'</Message>");
  });

  it('is reached through AWS_ENDPOINT_URL_STS by a client given no endpoint, as RoleTray finds it', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
    try {
      const identity = await new STSClient({ region: 'eu-west-1', credentials: alice, maxAttempts: 1 }).send(new GetCallerIdentityCommand({}));
      expect(identity.Arn).toBe(alice.arn);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_STS;
    }
  });

  it('waits latencyMs before every answer', async () => {
    await start({ latencyMs: 300 });
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    const began = performance.now();
    await client(alice).send(new GetCallerIdentityCommand({}));
    expect(performance.now() - began).toBeGreaterThanOrEqual(290);
    sts.configure({ latencyMs: 0 });
    const again = performance.now();
    await client(alice).send(new GetCallerIdentityCommand({}));
    expect(performance.now() - again).toBeLessThan(250);
  });
});

describe('AssumeRole', () => {
  it('chains an IAM Identity Center role to a role in another account and on to a third, recording each caller', async () => {
    sso = await startSsoStandin({ accounts: 1, rolesPerAccount: 1, pendingPolls: 0 });
    await start({ ssoStandins: [sso] });
    const { accountId, roles } = sso.accounts[0]!;
    sts.addRole({ arn: DEPLOY, trusts: [ssoRoleArn(accountId, roles[0]!)] });
    sts.addRole({ arn: AUDIT, trusts: [DEPLOY] });
    const ssoKeys = await ssoRoleKeys(sso, accountId, roles[0]!);

    const hop1 = await assume(ssoKeys, { RoleArn: DEPLOY, RoleSessionName: 'alice' });
    expect(hop1.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${SPOKE}:assumed-role/Deploy/alice`);
    expect(hop1.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:alice$/);
    expect(hop1.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(3590_000);
    const hop2 = await assume(keysOf(hop1.Credentials), { RoleArn: AUDIT, RoleSessionName: 'alice' });
    const identity = await client(keysOf(hop2.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Arn: `arn:aws:sts::${LEAF}:assumed-role/Audit/alice`, Account: LEAF });

    expect(sts.calls.map((c) => ({ action: c.action, key: c.accessKeyId, kind: c.caller?.kind, principal: c.caller?.principalArn, role: c.params.RoleArn }))).toEqual([
      { action: 'AssumeRole', key: ssoKeys.accessKeyId, kind: 'sso-role', principal: ssoRoleArn(accountId, roles[0]!), role: DEPLOY },
      { action: 'AssumeRole', key: hop1.Credentials!.AccessKeyId, kind: 'assumed-role', principal: DEPLOY, role: AUDIT },
      { action: 'GetCallerIdentity', key: hop2.Credentials!.AccessKeyId, kind: 'assumed-role', principal: AUDIT, role: undefined },
    ]);
    expect(sts.calls[0]!.caller!.arn).toMatch(new RegExp(`^arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roles[0]}_[0-9a-f]{16}/${SSO_USER}$`));
  });

  it('refuses a caller the role does not trust, in STS’s words', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    sts.addRole({ arn: DEPLOY, trusts: [SPOKE] });
    expect(await refusal(assume(alice, { RoleArn: DEPLOY }))).toEqual({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${HUB}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${DEPLOY}`,
      status: 403,
    });
    expect((await refusal(assume(alice, { RoleArn: `arn:aws:iam::${SPOKE}:role/Nobody` }))).name).toBe('AccessDenied');
    sts.addRole({ arn: AUDIT, trusts: [`arn:aws:iam::${HUB}:root`] });
    expect((await assume(alice, { RoleArn: AUDIT })).AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${LEAF}:assumed-role/Audit/roletray`);
  });

  it('grants a role that requires an external id only with that id', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    sts.addRole({ arn: DEPLOY, trusts: [alice.arn], externalId: 'partner-42' });
    const denied = `User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${DEPLOY}`;
    expect(await refusal(assume(alice, { RoleArn: DEPLOY }))).toMatchObject({ name: 'AccessDenied', message: denied });
    expect(await refusal(assume(alice, { RoleArn: DEPLOY, ExternalId: 'partner-43' }))).toMatchObject({ name: 'AccessDenied', message: denied });
    expect((await assume(alice, { RoleArn: DEPLOY, ExternalId: 'partner-42' })).Credentials!.AccessKeyId).toMatch(/^ASIA/);
    expect(sts.calls.at(-1)!.params).toEqual({ RoleArn: DEPLOY, RoleSessionName: 'roletray', ExternalId: 'partner-42' });
  });

  it('grants up to the role’s MaxSessionDuration, and at most one hour to a role session (role chaining)', async () => {
    const clock = Date.UTC(2026, 11, 1, 12, 0, 0);
    await start({ now: () => clock });
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    sts.addRole({ arn: DEPLOY, trusts: [HUB], maxSessionSeconds: 43_200 });
    sts.addRole({ arn: AUDIT, trusts: [SPOKE, HUB] });
    const long = await assume(alice, { RoleArn: DEPLOY, DurationSeconds: 43_200 });
    expect(long.Credentials!.Expiration!.getTime()).toBe(clock + 43_200_000);
    expect(await refusal(assume(keysOf(long.Credentials), { RoleArn: AUDIT, DurationSeconds: 3601 }))).toEqual({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      status: 400,
    });
    const chained = await assume(keysOf(long.Credentials), { RoleArn: AUDIT, DurationSeconds: 3600 });
    expect(chained.Credentials!.Expiration!.getTime()).toBe(clock + 3_600_000);
    expect(await refusal(assume(alice, { RoleArn: AUDIT, DurationSeconds: 3601 }))).toEqual({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      status: 400,
    });
    expect((await refusal(assume(alice, { RoleArn: DEPLOY, DurationSeconds: 43_201 }))).message).toBe(
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
    expect((await refusal(assume(alice, { RoleArn: DEPLOY, DurationSeconds: 899 }))).message).toBe(
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
  });

  it('caps a session from IAM Identity Center role credentials at one hour too: that is role chaining', async () => {
    sso = await startSsoStandin({ accounts: 1, rolesPerAccount: 1, pendingPolls: 0 });
    await start({ ssoStandins: [sso] });
    const { accountId, roles } = sso.accounts[0]!;
    sts.addRole({ arn: DEPLOY, trusts: [accountId], maxSessionSeconds: 43_200 });
    const ssoKeys = await ssoRoleKeys(sso, accountId, roles[0]!);
    expect((await refusal(assume(ssoKeys, { RoleArn: DEPLOY, DurationSeconds: 7200 }))).message).toBe(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  });

  it('refuses IAM Identity Center credentials once they have expired', async () => {
    let clock = Date.now();
    sso = await startSsoStandin({ accounts: 1, rolesPerAccount: 1, pendingPolls: 0, roleCredentialTtlSeconds: 900, now: () => clock });
    await start({ ssoStandins: [sso], now: () => clock });
    const { accountId, roles } = sso.accounts[0]!;
    sts.addRole({ arn: DEPLOY, trusts: ['*'] });
    const ssoKeys = await ssoRoleKeys(sso, accountId, roles[0]!);
    clock += 900_000;
    expect(await refusal(assume(ssoKeys, { RoleArn: DEPLOY }))).toEqual({ name: 'ExpiredToken', message: 'The security token included in the request is expired', status: 400 });
  });

  it('checks RoleArn, RoleSessionName, ExternalId and SourceIdentity as STS does, all problems in one answer', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    expect((await refusal(assume(alice, { RoleArn: DEPLOY, RoleSessionName: 'a b' }))).message).toBe(
      "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
    expect((await refusal(assume(alice, { RoleArn: DEPLOY, RoleSessionName: 'a', ExternalId: 'x'.repeat(1225) }))).message).toBe(
      "2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; " +
        `Value '${'x'.repeat(1225)}' at 'externalId' failed to satisfy constraint: Member must have length less than or equal to 1224`,
    );
    expect((await refusal(assume(alice, { RoleArn: 'not-an-arn-but-long-enough' }))).message).toBe('not-an-arn-but-long-enough is invalid');
    expect((await refusal(assume(alice, { RoleArn: 'arn:aws:iam' }))).message).toBe(
      "1 validation error detected: Value 'arn:aws:iam' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
    expect((await refusal(assume(alice, { RoleArn: DEPLOY, SourceIdentity: 'has space' }))).name).toBe('ValidationError');
  });

  it('keeps a source identity through a chain, and refuses to change it', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    sts.addRole({ arn: DEPLOY, trusts: [HUB] });
    sts.addRole({ arn: AUDIT, trusts: [DEPLOY] });
    const hop1 = await assume(alice, { RoleArn: DEPLOY, SourceIdentity: 'alice@example.com' });
    expect(hop1.SourceIdentity).toBe('alice@example.com');
    const hop2 = await assume(keysOf(hop1.Credentials), { RoleArn: AUDIT });
    expect(hop2.SourceIdentity).toBe('alice@example.com');
    expect((await refusal(assume(keysOf(hop1.Credentials), { RoleArn: AUDIT, SourceIdentity: 'mallory' }))).name).toBe('AccessDenied');
  });
});

describe('MFA', () => {
  it('assumes a role that requires MFA with the device’s current code, and refuses a wrong or missing one', async () => {
    const clock = Date.UTC(2026, 11, 1, 12, 0, 0);
    await start({ now: () => clock });
    const alice = sts.addUser({ userName: 'alice', accountId: HUB, mfa: {} });
    expect(alice.mfa!.serial).toBe(`arn:aws:iam::${HUB}:mfa/alice`);
    sts.addRole({ arn: DEPLOY, trusts: [alice.arn], requireMfa: true });
    expect((await refusal(assume(alice, { RoleArn: DEPLOY }))).message).toBe(`User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${DEPLOY}`);
    const right = sts.mfaCode(alice.mfa!.serial);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(await refusal(assume(alice, { RoleArn: DEPLOY, SerialNumber: alice.mfa!.serial, TokenCode: wrong }))).toEqual({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
      status: 403,
    });
    const granted = await assume(alice, { RoleArn: DEPLOY, SerialNumber: alice.mfa!.serial, TokenCode: right });
    expect(granted.Credentials!.AccessKeyId).toMatch(/^ASIA/);
    expect(sts.calls.at(-1)!.params).toEqual({ RoleArn: DEPLOY, RoleSessionName: 'roletray', SerialNumber: alice.mfa!.serial });
    expect(JSON.stringify(sts.calls)).not.toContain(right);
  });

  it('takes a code once: the same code again is refused, the next step’s code is taken', async () => {
    let clock = Date.UTC(2026, 11, 1, 12, 0, 0);
    await start({ now: () => clock });
    const alice = sts.addUser({ userName: 'alice', accountId: HUB, mfa: { secret: 'JBSWY3DPEHPK3PXP' } });
    const mfa = (code: string) => client(alice).send(new GetSessionTokenCommand({ SerialNumber: alice.mfa!.serial, TokenCode: code }));
    const code = sts.mfaCode(alice.mfa!.serial);
    await mfa(code);
    expect((await refusal(mfa(code))).message).toBe('MultiFactorAuthentication failed with invalid MFA one time pass code.');
    clock += 30_000;
    await mfa(sts.mfaCode(alice.mfa!.serial));
    sts.configure({ mfaCodeReuse: 'allow' });
    await mfa(sts.mfaCode(alice.mfa!.serial));
  });

  it('gives an MFA’d GetSessionToken session that assumes MFA-only roles without another code, for an hour at most (that too is role chaining)', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB, mfa: {} });
    sts.addRole({ arn: DEPLOY, trusts: [alice.arn], requireMfa: true });
    sts.addRole({ arn: AUDIT, trusts: [alice.arn], requireMfa: true });
    const plain = await client(alice).send(new GetSessionTokenCommand({}));
    expect((await refusal(assume(keysOf(plain.Credentials), { RoleArn: DEPLOY }))).name).toBe('AccessDenied');
    const { Credentials: session } = await client(alice).send(new GetSessionTokenCommand({ SerialNumber: alice.mfa!.serial, TokenCode: sts.mfaCode(alice.mfa!.serial) }));
    expect((await refusal(assume(keysOf(session), { RoleArn: DEPLOY, DurationSeconds: 3601 }))).message).toBe(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
    await assume(keysOf(session), { RoleArn: DEPLOY });
    await assume(keysOf(session), { RoleArn: AUDIT });
    expect(sts.calls.slice(-2).map((c) => [c.caller?.kind, c.caller?.mfa, c.error])).toEqual([
      ['iam-user-session', true, undefined],
      ['iam-user-session', true, undefined],
    ]);
  });

  it('refuses a device that is not the caller’s, and a malformed code, before checking it', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB, mfa: {} });
    const bob = sts.addUser({ userName: 'bob', accountId: HUB, mfa: {} });
    expect(await refusal(client(alice).send(new GetSessionTokenCommand({ SerialNumber: bob.mfa!.serial, TokenCode: sts.mfaCode(bob.mfa!.serial) })))).toEqual({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.',
      status: 403,
    });
    expect((await refusal(client(alice).send(new GetSessionTokenCommand({ SerialNumber: alice.mfa!.serial, TokenCode: '12a45' })))).message).toBe(
      "2 validation errors detected: Value '12a45' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6; Value '12a45' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*",
    );
  });
});

describe('the AWS CLI and botocore read its answers', () => {
  const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

  it('aws sts get-caller-identity and assume-role, with keys from the environment', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB });
    sts.addRole({ arn: DEPLOY, trusts: [alice.arn], externalId: 'partner-42' });
    const env = isolatedAwsEnv({ AWS_ACCESS_KEY_ID: alice.accessKeyId, AWS_SECRET_ACCESS_KEY: alice.secretAccessKey, AWS_REGION: 'us-east-1' });
    const who = await awsCli(['sts', 'get-caller-identity', '--endpoint-url', sts.url, '--output', 'json'], env);
    expect(who.stderr).toBe('');
    expect(JSON.parse(who.stdout)).toMatchObject({ Arn: alice.arn, Account: HUB });
    const run = await awsCli(['sts', 'assume-role', '--endpoint-url', sts.url, '--role-arn', DEPLOY, '--role-session-name', 'cli', '--external-id', 'partner-42', '--output', 'json'], env);
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as { Credentials: { AccessKeyId: string; Expiration: string }; AssumedRoleUser: { Arn: string } };
    expect(answer.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${SPOKE}:assumed-role/Deploy/cli`);
    expect(answer.Credentials.AccessKeyId).toBe(sts.calls.at(-1)!.issued!.accessKeyId);
    expect(new Date(answer.Credentials.Expiration).getTime()).toBe(sts.calls.at(-1)!.issued!.expiration);
    const denied = await awsCli(['sts', 'assume-role', '--endpoint-url', sts.url, '--role-arn', DEPLOY, '--role-session-name', 'cli'], env);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain(`An error occurred (AccessDenied) when calling the AssumeRole operation: User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${DEPLOY}`);
  });

  it('boto3 assume_role with MFA, and its error for a wrong code', async () => {
    await start();
    const alice = sts.addUser({ userName: 'alice', accountId: HUB, mfa: {} });
    sts.addRole({ arn: DEPLOY, trusts: [alice.arn], requireMfa: true });
    const script = `
import json, sys, boto3, botocore.exceptions
sts = boto3.client("sts", endpoint_url=sys.argv[1], region_name="us-east-1")
for code in sys.argv[2:]:
    try:
        r = sts.assume_role(RoleArn="${DEPLOY}", RoleSessionName="boto", SerialNumber="${alice.mfa!.serial}", TokenCode=code)
        print(json.dumps({"key": r["Credentials"]["AccessKeyId"], "expiration": r["Credentials"]["Expiration"].timestamp()}))
    except botocore.exceptions.ClientError as e:
        print(json.dumps({"error": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}))
`;
    const right = sts.mfaCode(alice.mfa!.serial);
    const env = isolatedAwsEnv({ AWS_ACCESS_KEY_ID: alice.accessKeyId, AWS_SECRET_ACCESS_KEY: alice.secretAccessKey });
    const out = await new Promise<string>((resolve, reject) =>
      execFile(PYTHON, ['-c', script, sts.url, '000000' === right ? '111111' : '000000', right], { env, timeout: 30_000 }, (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout))),
    );
    const [wrong, granted] = out.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(wrong).toEqual({ error: 'AccessDenied', message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.' });
    expect(granted!.key).toBe(sts.calls.at(-1)!.issued!.accessKeyId);
    expect(granted!.expiration).toBe(sts.calls.at(-1)!.issued!.expiration / 1000);
  });
});
