// `roletray setup profiles` on a real, hand-kept ~/.aws/config, then the Debian AWS CLI using what
// it wrote: `credential_process` runs the built roletray, which takes the role from the running
// `roletray serve` (signed in to the IAM Identity Center stand-in).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli } from '../test-support/aws-cli';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { CLI, roletray, startServe, type Served } from '../test-support/roletray-cli';
import { startSsoStandin, type SsoStandin } from '../test-support/sso-standin';

let standin: SsoStandin;
let served: Served;
let env: NodeJS.ProcessEnv;
let configFile: string;
let taken: string;
let free: string;
let accountId: string;

/** A config file as people keep them: comments, CRLF line ends, an sso-session, and a profile named as RoleTray would name a role. */
const handWritten = () =>
  [
    '# my AWS config; hands off',
    '[default]',
    'region = eu-west-1',
    '',
    '[sso-session work]',
    'sso_start_url = https://elsewhere.awsapps.com/start#/',
    'sso_region = eu-west-1',
    '',
    `[profile ${taken}]`,
    '; written by hand, long ago',
    'region = ap-south-1',
    '',
  ].join('\r\n');

/** The file with RoleTray's block cut out. */
const outsideOf = (text: string) => text.replace(/# BEGIN ROLETRAY\r\n[\s\S]*# END ROLETRAY\r\n/, '');

beforeAll(async () => {
  standin = await startSsoStandin({ accounts: 2, rolesPerAccount: 2, approval: 'auto', pendingPolls: 0, interval: 1 });
  const home = mkdtempSync(join(tmpdir(), 'roletray-home-'));
  configFile = join(home, '.aws', 'config');
  env = isolatedAwsEnv({
    HOME: home,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    ROLETRAY_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'roletray-config-')),
    AWS_ENDPOINT_URL_SSO: standin.url,
    AWS_ENDPOINT_URL_SSO_OIDC: standin.url,
  });
  served = await startServe(['--port', '0'], env);
  for (const args of [['login', '--start-url', standin.startUrl, '--region', standin.region], ['roles', '--refresh']]) {
    const run = await roletray(args, env);
    expect(run.code, run.stderr).toBe(0);
  }
  accountId = standin.accounts[0]!.accountId;
  taken = `${accountId}:${standin.accounts[0]!.roles[0]}`;
  free = `${accountId}:${standin.accounts[0]!.roles[1]}`;
});
afterAll(async () => {
  await served?.stop();
  await standin?.close();
});

describe('roletray setup profiles', () => {
  it('writes a profile per role between its markers, keeps the rest byte for byte, and the AWS CLI gets the role through it', async () => {
    mkdirSync(join(configFile, '..'), { recursive: true });
    writeFileSync(configFile, handWritten());
    expect((await roletray(['setup', 'region', '--account', accountId, 'eu-west-2'], env)).code).toBe(0);

    const diff = await roletray(['setup', 'profiles', '--diff'], env);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain(`+[profile ${free}]`);
    expect(readFileSync(configFile, 'utf8')).toBe(handWritten());

    const run = await roletray(['setup', 'profiles'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${configFile}: 3 added, 0 updated, 0 removed, 0 unchanged`);
    expect(run.stdout).toContain(`not written: profile ${taken} exists outside the RoleTray block`);
    const text = readFileSync(configFile, 'utf8');
    expect(outsideOf(text)).toBe(handWritten());
    expect(text).toContain(`[profile ${free}]\r\ncredential_process = ${process.execPath} ${CLI} credential-process --profile ${free} --config-dir ${env.ROLETRAY_CONFIG_DIR}\r\nregion = eu-west-2\r\n`);
    // The hand-written profile is still the one the AWS CLI reads.
    expect((await awsCli(['configure', 'get', 'region', '--profile', taken], env)).stdout.trim()).toBe('ap-south-1');
    expect((await awsCli(['configure', 'get', 'region', '--profile', free], env)).stdout.trim()).toBe('eu-west-2');

    const exported = await awsCli(['configure', 'export-credentials', '--profile', free, '--format', 'process'], env);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const issued = standin.stats.issuedCredentials.at(-1)!;
    expect(JSON.parse(exported.stdout)).toMatchObject({ Version: 1, AccessKeyId: issued.accessKeyId });
  });

  it('changes nothing when run again', async () => {
    const before = readFileSync(configFile);
    const again = await roletray(['setup', 'profiles'], env);
    expect(again.stdout).toContain(`${configFile}: up to date (3 RoleTray profiles)`);
    expect(readFileSync(configFile).equals(before)).toBe(true);
  });

  it('keeps a profile of a role that is gone until --prune, which removes only that one', async () => {
    const gone = '999999999999:Gone';
    const withGone = readFileSync(configFile, 'utf8').replace('# END ROLETRAY', `\r\n[profile ${gone}]\r\ncredential_process = roletray credential-process --profile ${gone}\r\n# END ROLETRAY`);
    writeFileSync(configFile, withGone);
    const kept = await roletray(['setup', 'profiles'], env);
    expect(kept.stdout).toContain(`profiles of roles that no longer exist (${gone}); --prune removes them`);
    const pruned = await roletray(['setup', 'profiles', '--prune', '--json'], env);
    expect(JSON.parse(pruned.stdout)).toMatchObject({ written: true, removed: [gone], added: [], collisions: [taken] });
    const text = readFileSync(configFile, 'utf8');
    expect(text).not.toContain(gone);
    expect(text.match(/credential_process/g)).toHaveLength(3);
    expect(outsideOf(text)).toBe(handWritten());
  });

  it('with a prefix, writes the names beside the hand-written one', async () => {
    const run = await roletray(['setup', 'profiles', '--prefix', 'rt-', '--diff', '--json'], env);
    const report = JSON.parse(run.stdout) as { added: string[]; collisions: string[]; removed: string[] };
    expect(report.added).toContain(`rt-${taken}`);
    expect(report.collisions).toEqual([]);
    // Without --prune the unprefixed profiles stay; the diff wrote nothing.
    expect(report.removed).toEqual([]);
    expect(readFileSync(configFile, 'utf8')).not.toContain('rt-');
  });

  it('says what to do when no RoleTray runs, and when the file\'s markers are broken', async () => {
    const alone = await roletray(['setup', 'profiles'], { ...env, ROLETRAY_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'roletray-none-')) });
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain('roletray setup: RoleTray is not running: start the app or `roletray serve`');
    const broken = join(configFile, '..', 'broken');
    writeFileSync(broken, '# BEGIN ROLETRAY\n[profile x]\n');
    const refused = await roletray(['setup', 'profiles'], { ...env, AWS_CONFIG_FILE: broken });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`roletray setup: ${broken} has a "# BEGIN ROLETRAY" line without its pair: fix ${broken} by hand (RoleTray will not guess where its block ends)\n`);
    expect(readFileSync(broken, 'utf8')).toBe('# BEGIN ROLETRAY\n[profile x]\n');
  });
});
