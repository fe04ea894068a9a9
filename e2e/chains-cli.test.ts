// Chained roles from the command line, against a real `roletray serve`: serve signs in to the IAM
// Identity Center stand-in and assumes roles at the STS stand-in (both reached only through the
// SDK's endpoint variables, on loopback), and the AWS CLI and botocore read what serve then serves.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, awsCliCredentials } from '../test-support/aws-cli';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { roletray, startServe, withConfigDir, type Served } from '../test-support/roletray-cli';
import { startSsoStandin, type SsoStandin } from '../test-support/sso-standin';
import { SSO_USER, ssoRoleArn, startStsStandin, type StsStandin } from '../test-support/sts-standin';
import { botocoreCredentials } from '../test-support/tls-botocore';

const SPOKE = '222222222222';
const LEAF = '333333333333';
const DEPLOY = `arn:aws:iam::${SPOKE}:role/Deploy`;
const AUDIT = `arn:aws:iam::${LEAF}:role/ops/Audit`;

let sso: SsoStandin;
let sts: StsStandin;
let served: Served;
let env: NodeJS.ProcessEnv;
let home: string;
/** The IAM Identity Center role chains start from, and its profile name in the catalogue. */
let hub: { accountId: string; roleName: string; profile: string };

beforeAll(async () => {
  sso = await startSsoStandin({ accounts: 2, rolesPerAccount: 1, interval: 1, pendingPolls: 0 });
  sts = await startStsStandin({ ssoStandins: [sso] });
  const account = sso.accounts[0]!;
  hub = { accountId: account.accountId, roleName: account.roles[0]!, profile: `${account.accountId}:${account.roles[0]}` };
  sts.addRole({ arn: DEPLOY, trusts: [ssoRoleArn(hub.accountId, hub.roleName)], externalId: 'partner-42' });
  sts.addRole({ arn: AUDIT, trusts: [DEPLOY] });
  // Loopback only: STS, IAM Identity Center and its sign-in are the stand-ins, by the SDK's own variables.
  env = withConfigDir(isolatedAwsEnv({ AWS_ENDPOINT_URL_SSO: sso.url, AWS_ENDPOINT_URL_SSO_OIDC: sso.url, AWS_ENDPOINT_URL_STS: sts.url }));
  // ~/.aws/config itself, as a person has it: the temp HOME's, not a file named by AWS_CONFIG_FILE.
  delete env.AWS_CONFIG_FILE;
  home = env.HOME!;
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  served = await startServe(['--port', '0'], env);
  const login = await roletray(['login', '--start-url', sso.startUrl, '--region', sso.region], env);
  // Serve's first role list goes on after the sign-in: the first load below waits for it as it chains from one of its roles.
  expect(login.code, login.stderr).toBe(0);
});
afterAll(async () => {
  await served?.stop();
  await sts?.close();
  await sso?.close();
});

/** The environment a client of slot `name` gets: the container endpoint and serve's token, nothing else of AWS. */
async function clientEnv(name: string): Promise<NodeJS.ProcessEnv> {
  const token = (await roletray(['auth', '--show', '--json'], env)).stdout;
  return isolatedAwsEnv({
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${served.url}slot/${encodeURIComponent(name)}`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: (JSON.parse(token) as { token: string }).token,
    AWS_REGION: 'us-east-1',
  });
}

const assumeCalls = () => sts.calls.filter((c) => c.action === 'AssumeRole');

describe('roletray load --assume ROLE_ARN --via PROFILE', () => {
  it('serve assumes the role with the SSO role credentials; the AWS CLI and botocore get the chained credentials', async () => {
    const before = assumeCalls().length;
    const load = await roletray(['load', '--assume', DEPLOY, '--via', hub.profile, '--external-id', 'partner-42', '--session-name', 'cli-test', '-p', 'deploy', '--slotted'], env);
    expect(load).toMatchObject({ code: 0, stdout: 'Loaded deploy into slot "deploy".\n', stderr: '' });
    const [call] = assumeCalls().slice(before);
    expect(call).toMatchObject({
      params: expect.objectContaining({ RoleArn: DEPLOY, ExternalId: 'partner-42', RoleSessionName: 'cli-test' }),
      caller: { kind: 'sso-role', accountId: hub.accountId, principalArn: ssoRoleArn(hub.accountId, hub.roleName) },
    });
    const issued = call!.issued!.accessKeyId;
    expect(sso.stats.issuedCredentials.map((c) => c.accessKeyId)).toContain(call!.accessKeyId);

    const client = await clientEnv('deploy');
    const aws = await awsCliCredentials(client);
    expect(aws.creds?.AccessKeyId, aws.stderr).toBe(issued);
    // The served keys are real ones: STS knows who signs with them.
    const who = await awsCli(['sts', 'get-caller-identity', '--endpoint-url', sts.url, '--output', 'json'], client);
    expect(JSON.parse(who.stdout)).toMatchObject({ Account: SPOKE, Arn: `arn:aws:sts::${SPOKE}:assumed-role/Deploy/cli-test` });
    expect(await botocoreCredentials(client)).toEqual({ ok: true, accessKeyId: issued });

    const list = await roletray(['list'], env);
    expect(list.stdout).toMatch(new RegExp(`\\ndeploy\\s+deploy\\s+${SPOKE}\\s+Deploy\\s+assumed\\s+\\S+\\n`));
    expect(list.stdout).toContain(`\n  ↳ IAM Identity Center ${hub.accountId}/${hub.roleName} (${hub.profile}) → AssumeRole ${DEPLOY} (deploy)\n`);
  });

  it('--save keeps it as a chain that load -p loads again, listed by roles', async () => {
    const saved = await roletray(['load', '--assume', DEPLOY, '--via', hub.profile, '--external-id', 'partner-42', '-p', 'deploy-saved', '--save'], env);
    expect(saved).toMatchObject({ code: 0, stdout: 'Loaded deploy-saved into the default slot.\nSaved deploy-saved as a chained profile: roletray load -p deploy-saved loads it again.\n' });
    expect((await roletray(['unload'], env)).code).toBe(0);
    const again = await roletray(['load', '-p', 'deploy-saved'], env);
    expect(again).toMatchObject({ code: 0, stdout: 'Loaded deploy-saved into the default slot.\n' });
    // credential_process (and exec, console) load a chained profile the same way, into its own slot.
    const processed = await roletray(['credential-process', '-p', 'deploy-saved'], env);
    expect(processed.code, processed.stderr).toBe(0);
    expect((JSON.parse(processed.stdout) as { AccessKeyId: string }).AccessKeyId).toBe(assumeCalls().at(-1)!.issued!.accessKeyId);
    const roles = await roletray(['roles'], env);
    expect(roles.stdout).toMatch(/\nChained profiles \(roletray load -p PROFILE\):\nPROFILE\s+ROLE ARN\s+VIA\s+FROM\n/);
    expect(roles.stdout).toMatch(new RegExp(`\\ndeploy-saved\\s+${DEPLOY}\\s+${hub.profile}\\s+roletray\\n`));

    // setup profiles writes the saved chain too, and the AWS CLI gets its credentials through it.
    const setup = await roletray(['setup', 'profiles', '--json'], env);
    expect(setup.code, setup.stderr).toBe(0);
    expect((JSON.parse(setup.stdout) as { added: string[] }).added).toContain('deploy-saved');
    const exported = await awsCli(['configure', 'export-credentials', '--profile', 'deploy-saved', '--format', 'process'], env);
    expect(exported.code, exported.stderr).toBe(0);
    const issued = assumeCalls().map((c) => c.issued?.accessKeyId);
    expect(issued).toContain((JSON.parse(exported.stdout) as { AccessKeyId: string }).AccessKeyId);
  });

  it('refuses bad input with its reason and sends nothing to STS', async () => {
    const before = sts.calls.length;
    const cases: [string[], string][] = [
      [['--assume', 'arn:aws:iam::2222:role/Deploy'], '--assume: role_arn "arn:aws:iam::2222:role/Deploy" is not a role ARN such as arn:aws:iam::123456789012:role/Deploy'],
      [['--assume', DEPLOY, '--external-id', 'x'.repeat(1225)], '--external-id: external_id is 1225 characters long; STS takes at most 1224'],
      [['--assume', DEPLOY, '--duration', '600'], '--duration: duration_seconds 600 must be a whole number from 900 to 43200'],
      [['--assume', DEPLOY, '--duration', '7200'], '--duration: duration_seconds 7200 must be a whole number from 900 to 3600 (the source is itself a role, and AWS caps a chained role session at one hour)'],
      [['--assume', DEPLOY, '--session-name', 'has space'], '--session-name: role_session_name "has space" must be 2 to 64 letters, digits or any of _+=,.@-'],
    ];
    for (const [args, message] of cases) {
      const run = await roletray(['load', ...args, '--via', hub.profile], env);
      expect(run, args.join(' ')).toMatchObject({ code: 2, stderr: `roletray load: ${message}\n` });
    }
    const wrongExternalId = await roletray(['load', '--assume', DEPLOY, '--via', hub.profile, '--external-id', 'not-it', '-p', 'x'], env);
    expect(wrongExternalId.code).toBe(1);
    const ssoCaller = `arn:aws:sts::${hub.accountId}:assumed-role/${ssoRoleArn(hub.accountId, hub.roleName).split('/').at(-1)}/${SSO_USER}`;
    expect(wrongExternalId.stderr).toBe(`roletray load: STS refused to let you assume ${DEPLOY}: User: ${ssoCaller} is not authorized to perform: sts:AssumeRole on resource: ${DEPLOY} (AccessDenied)\n`);
    // Only the last one, which was well formed, reached STS.
    expect(sts.calls.slice(before).map((c) => c.action)).toEqual(['AssumeRole']);
  });
});

describe('~/.aws/config chains (role_arn + source_profile)', () => {
  beforeAll(() => {
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(
      join(home, '.aws', 'config'),
      [
        '[sso-session corp]',
        `sso_start_url = ${sso.startUrl}`,
        `sso_region = ${sso.region}`,
        '',
        '[profile hub]',
        'sso_session = corp',
        `sso_account_id = ${hub.accountId}`,
        `sso_role_name = ${hub.roleName}`,
        '',
        '[profile hop]',
        `role_arn = ${DEPLOY}`,
        'source_profile = hub',
        'external_id = partner-42',
        '',
        '[profile target]',
        `role_arn = ${AUDIT}`,
        'source_profile = hop',
        '',
        '[profile loop-a]',
        `role_arn = ${AUDIT}`,
        'source_profile = loop-b',
        '',
        '[profile loop-b]',
        `role_arn = ${DEPLOY}`,
        'source_profile = loop-a',
        '',
        '[profile orphan]',
        `role_arn = ${DEPLOY}`,
        'source_profile = nowhere',
        '',
      ].join('\n'),
    );
  });

  it('load -p target walks both hops, each signed with the one before; the AWS CLI gets the last', async () => {
    const before = assumeCalls().length;
    expect(await roletray(['load', '-p', 'target', '--slotted'], env)).toMatchObject({ code: 0, stdout: 'Loaded target into slot "target".\n', stderr: '' });
    const [first, second] = assumeCalls().slice(before);
    expect(first).toMatchObject({ params: expect.objectContaining({ RoleArn: DEPLOY, ExternalId: 'partner-42' }), caller: { kind: 'sso-role', accountId: hub.accountId } });
    expect(second).toMatchObject({ params: expect.objectContaining({ RoleArn: AUDIT }), accessKeyId: first!.issued!.accessKeyId, caller: { kind: 'assumed-role', principalArn: DEPLOY } });
    const aws = await awsCliCredentials(await clientEnv('target'));
    expect(aws.creds?.AccessKeyId, aws.stderr).toBe(second!.issued!.accessKeyId);

    const json = JSON.parse((await roletray(['list', '--json'], env)).stdout) as { slots: { Slot: string; Source: string; Chain: string[] }[] };
    const slot = json.slots.find((s) => s.Slot === 'target')!;
    expect(slot.Source).toBe('assumed');
    expect(slot.Chain).toHaveLength(3);
    expect(slot.Chain.slice(1).map((step) => step.includes(DEPLOY) || step.includes(AUDIT))).toEqual([true, true]);
  });

  it('a loop is refused naming the profiles, a missing source naming it, and roles shows both problems', async () => {
    const before = sts.calls.length;
    const loop = await roletray(['load', '-p', 'loop-a'], env);
    expect(loop.code).toBe(1);
    expect(loop.stderr).toBe('roletray load: The profiles loop: loop-a → loop-b → loop-a; one of them needs another source_profile\n');
    const orphan = await roletray(['load', '-p', 'orphan'], env);
    expect(orphan.code).toBe(1);
    expect(orphan.stderr).toMatch(/^roletray load: Profile orphan is assumed from nowhere \(its source_profile\), but there is no profile nowhere: /);
    expect(sts.calls.length).toBe(before);

    const roles = await roletray(['roles'], env);
    expect(roles.stdout).toMatch(/\nloop-a\s+\S+\s+loop-b\s+~\/\.aws\/config\n {2}! .*loop-a → loop-b → loop-a/);
    expect(roles.stdout).toMatch(/\norphan\s+\S+\s+nowhere\s+~\/\.aws\/config\n {2}! .*nowhere/);
    expect(roles.stdout).toMatch(/\ntarget\s+\S+\s+hop\s+~\/\.aws\/config\n/);
  });
});
