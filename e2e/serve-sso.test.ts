// `roletray login` and `roletray load -p` against a running `roletray serve`: the sign-in and the
// role are serve's, so serve keeps the role fresh with no further command. Real processes: the
// built CLI, serve (talking to the IAM Identity Center stand-in through the SDK's endpoint
// variables) and the AWS CLI reading what serve serves.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, isolatedAwsEnv } from '../test-support/aws-env';
import { roletray, startServe, type Served } from '../test-support/roletray-cli';
import { startSsoStandin, type SsoStandin } from '../test-support/sso-standin';

/** What the AWS CLI signs with after the lines serve printed are pasted into sh. */
function awsAfterPasting(lines: string[], env: NodeJS.ProcessEnv): Promise<Record<string, string> | undefined> {
  return new Promise((resolve) =>
    execFile('sh', ['-c', `${lines.join('\n')}\nexec ${AWS_CLI} configure export-credentials --format process`], { env, timeout: 60_000 }, (err, stdout) =>
      resolve(err ? undefined : (JSON.parse(stdout) as Record<string, string>)),
    ),
  );
}

async function until<T>(probe: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const value = probe();
    if (value !== undefined) return value;
  }
  throw new Error(`never: ${what}`);
}

describe('serve owns the sign-in and the roles the command line loads', () => {
  let standin: SsoStandin;
  let served: Served;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // 16 minutes: inside the 20 minutes before expiry in which the owner refreshes.
    standin = await startSsoStandin({ accounts: 3, rolesPerAccount: 2, interval: 1, pendingPolls: 0, roleCredentialTtlSeconds: 16 * 60 });
    env = {
      ...isolatedAwsEnv({ AWS_ENDPOINT_URL_SSO: standin.url, AWS_ENDPOINT_URL_SSO_OIDC: standin.url }),
      ROLETRAY_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'roletray-serve-sso-')),
    };
    // A device code, as on a machine with no browser to open.
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    served = await startServe(['--port', '0'], env);
  });
  afterAll(async () => {
    await served.stop();
    await standin.close();
  });

  it('login goes through serve: its prompt is printed here, and serve keeps the session', async () => {
    const login = await roletray(['login', '--start-url', standin.startUrl, '--region', standin.region], env);
    expect(login.stderr).toBe('');
    expect(login.stdout).toMatch(new RegExp(`^To sign in to ${standin.startUrl}, open this URL in a browser and confirm the code [0-9A-Z-]+:\\n\\n  http://127\\.0\\.0\\.1:\\d+/.*\\n\\nWaiting\\.\\.\\.\\nSigned in to ${standin.startUrl}( until \\d{4}-[^;]*)?; the running RoleTray keeps the session\\.\\n$`));
    expect(login.code).toBe(0);
    const roles = await roletray(['roles', '--json'], env);
    expect((JSON.parse(roles.stdout) as unknown[]).length).toBe(6);
  });

  it('a role loaded with load -p is refreshed by serve within seconds, with no further command; the AWS CLI gets the new keys', async () => {
    const account = standin.accounts[1]!;
    const role = account.roles[0]!;
    const name = `${account.accountId}:${role}`;
    expect(await roletray(['load', '-p', name], env)).toMatchObject({ code: 0, stdout: `Loaded ${name} into the default slot.\n` });
    const issued = () => standin.stats.issuedCredentials.filter((c) => c.accountId === account.accountId && c.roleName === role);
    const [first, fresh] = await until(() => (issued().length >= 2 ? issued() : undefined), 'serve refreshed the role');
    expect(fresh!.accessKeyId).not.toBe(first!.accessKeyId);
    const lines = served.stdout().split('\n').filter((l) => /^(export|unset) /.test(l));
    expect((await awsAfterPasting(lines, env))?.AccessKeyId).toBe(issued().at(-1)!.accessKeyId);
  });

  it('load --slot keeps the profile name it was given, and a role the person does not have is explained', async () => {
    const account = standin.accounts[2]!;
    expect((await roletray(['load', '--slot', 'work', '-A', account.accountId, '-R', account.roles[1]!, '-p', 'X'], env)).stdout).toBe('Loaded X into slot "work".\n');
    expect((await roletray(['list'], env)).stdout).toMatch(new RegExp(`\\nwork\\s+X\\s+${account.accountId}\\s+${account.roles[1]}\\s`));
    const refused = await roletray(['load', '-A', account.accountId, '-R', 'NoSuchRole'], env);
    expect(refused).toMatchObject({
      code: 1,
      stderr: `roletray load: You have no role NoSuchRole in account ${account.accountId} at ${standin.startUrl} (IAM Identity Center answered "No access"); the role list shows the roles you can load.\n`,
    });
  });
});
