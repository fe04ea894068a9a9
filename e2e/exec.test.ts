import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, isolatedAwsEnv } from '../test-support/aws-env';
import { makeCreds, putBody } from '../test-support/credentials';
import { freePort } from '../test-support/free-port';
import { CLI, roletray } from '../test-support/roletray-cli';
import { serveWithToken } from '../test-support/serve-with-token';

/** `roletray exec`: a real command (the Debian AWS CLI among them) run with a slot's credentials. */

const TOKEN = 'exec-token-0123456789abcdefghij';
let served: Awaited<ReturnType<typeof serveWithToken>>;
const dev = makeCreds({ roleName: 'Dev' });
const def = makeCreds();

async function put(path: string, body: unknown) {
  const res = await fetch(`${served.url}${path}`, { method: 'PUT', headers: { authorization: TOKEN, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  served = await serveWithToken(TOKEN);
  await put('slot/dev%3Ateam', putBody('dev:team', dev));
  await put('', putBody('default:Admin', def));
});
afterAll(() => served.stop());

/** The parent's environment: isolated, with the variables that would shadow the slot set to something else. */
function parentEnv(): NodeJS.ProcessEnv {
  return isolatedAwsEnv({
    ROLETRAY_TOKEN: TOKEN,
    ROLETRAY_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'roletray-config-')),
    AWS_ACCESS_KEY_ID: 'AKIAPARENTPARENTPARE',
    AWS_SECRET_ACCESS_KEY: 'parent-secret',
    AWS_SESSION_TOKEN: 'parent-token',
    AWS_PROFILE: 'parent-profile',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/parent',
    AWS_REGION: 'eu-west-1',
  });
}

const execArgs = (slot: string[], command: string[]) => ['exec', ...slot, '--server', `127.0.0.1:${served.port}`, '--', ...command];

describe('roletray exec', () => {
  it('the AWS CLI in the command sees exactly the slot\'s credentials (named and default slot)', async () => {
    for (const [slot, creds] of [[['--slot', 'dev:team'], dev], [[], def]] as const) {
      const r = await roletray(execArgs([...slot], [AWS_CLI, 'configure', 'export-credentials', '--format', 'process']), parentEnv());
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const got = JSON.parse(r.stdout) as Record<string, string>;
      expect(got).toMatchObject({ Version: 1, AccessKeyId: creds.accessKeyId, SecretAccessKey: creds.secretAccessKey, SessionToken: creds.sessionToken });
      const real = Math.floor(creds.expiration / 1000) * 1000;
      // The default slot's reads carry a nearer Expiration, so programs follow a role switch (served-expiry.ts).
      if (slot.length) expect(Date.parse(got.Expiration!)).toBe(real);
      else expect(Date.parse(got.Expiration!)).toBeLessThanOrEqual(real);
    }
  });

  it('changes nothing else in the environment, and the owner\'s token is not in it', async () => {
    const parent = parentEnv();
    const r = await roletray(execArgs(['--slot', 'dev:team'], [process.execPath, '-e', 'process.stdout.write(JSON.stringify(process.env))']), parent);
    expect(r.code).toBe(0);
    const child = JSON.parse(r.stdout) as NodeJS.ProcessEnv;
    const expected: NodeJS.ProcessEnv = { ...parent, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${served.url}slot/dev%3Ateam`, AWS_CONTAINER_AUTHORIZATION_TOKEN: child.AWS_CONTAINER_AUTHORIZATION_TOKEN };
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'ROLETRAY_TOKEN']) delete expected[name];
    expect(child).toEqual(expected);
    expect(r.stdout).not.toContain(TOKEN);
  });

  it('the command\'s scoped token reads its slot and nothing else, and is revoked when the command ends', async () => {
    // The command tries everything with the token it was given, and reports the statuses.
    const probe = `
      const base = ${JSON.stringify(served.url)};
      const headers = { authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN, 'content-type': 'application/json' };
      const tries = [['GET', 'slot/dev%3Ateam'], ['GET', ''], ['GET', 'slot'], ['GET', 'profile'], ['PUT', 'slot/dev%3Ateam'], ['DELETE', 'slot/dev%3Ateam'], ['DELETE', ''], ['POST', 'token/scoped']];
      const seen = {};
      for (const [method, path] of tries) seen[method + ' /' + path] = (await fetch(base + path, { method, headers, body: method === 'GET' || method === 'DELETE' ? undefined : '{"slot":"dev:team"}' })).status;
      process.stdout.write(JSON.stringify({ token: headers.authorization, seen }));`;
    const r = await roletray(execArgs(['--slot', 'dev:team'], [process.execPath, '--input-type=module', '-e', probe]), parentEnv());
    expect(r.stderr).toBe('');
    const { token, seen } = JSON.parse(r.stdout) as { token: string; seen: Record<string, number> };
    expect(seen).toEqual({
      'GET /slot/dev%3Ateam': 200,
      'GET /': 403,
      'GET /slot': 403,
      'GET /profile': 403,
      'PUT /slot/dev%3Ateam': 403,
      'DELETE /slot/dev%3Ateam': 403,
      'DELETE /': 403,
      'POST /token/scoped': 403,
    });
    expect((await fetch(`${served.url}slot/dev%3Ateam`, { headers: { authorization: token } })).status).toBe(403);
    expect((await fetch(`${served.url}slot/dev%3Ateam`, { headers: { authorization: TOKEN } })).status).toBe(200);
  });

  it.skipIf(process.getuid?.() !== 0)('another local user (nobody) sees no token in the arguments and cannot read the command\'s environment', async () => {
    const child = spawn(process.execPath, [CLI, ...execArgs(['--slot', 'dev:team'], ['sh', '-c', 'echo "$$"; exec sleep 30'])], { env: parentEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const pid = await new Promise<string>((resolve) => child.stdout.on('data', (d: Buffer) => resolve(d.toString().trim())));
      const nobody = (args: string[]) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
          execFile('runuser', ['-u', 'nobody', '--', ...args], (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr })),
        );
      for (const process_ of [pid, String(child.pid)]) {
        const cmdline = await nobody(['cat', `/proc/${process_}/cmdline`]);
        expect(cmdline.code).toBe(0);
        expect(cmdline.stdout).not.toContain(TOKEN);
        const environ = await nobody(['cat', `/proc/${process_}/environ`]);
        expect(environ.code).not.toBe(0);
        expect(environ.stderr).toMatch(/Permission denied/);
      }
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('passes the exit code through, and 128 + n for a signal', async () => {
    expect((await roletray(execArgs(['--slot', 'dev:team'], ['sh', '-c', 'exit 7']), parentEnv())).code).toBe(7);
    expect((await roletray(execArgs(['--slot', 'dev:team'], ['sh', '-c', 'kill -TERM $$']), parentEnv())).code).toBe(143);
    const missing = await roletray(execArgs(['--slot', 'dev:team'], ['/nonexistent/command']), parentEnv());
    expect(missing).toMatchObject({ code: 127, stderr: 'roletray exec: cannot run "/nonexistent/command": command not found\n' });
  });

  it('passes a signal it receives on to the command, and ends with it', async () => {
    const child = spawn(process.execPath, [CLI, ...execArgs(['--slot', 'dev:team'], ['sh', '-c', 'echo ready; exec sleep 30'])], { env: parentEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    const started = Date.now();
    child.kill('SIGHUP');
    expect(await exited).toBe(128 + 1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not run the command when the slot is empty or the server unreachable', async () => {
    const empty = await roletray(execArgs(['--slot', 'nothing'], ['sh', '-c', 'echo ran']), parentEnv());
    expect(empty.code).toBe(1);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toMatch(/^roletray exec: slot "nothing" has no usable credentials/);
    const unreachable = await roletray(['exec', '--server', `127.0.0.1:${await freePort()}`, '--', 'sh', '-c', 'echo ran'], parentEnv());
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toBe('');
    expect(unreachable.stderr).toMatch(/^roletray exec: cannot reach the server at http:\/\/127\.0\.0\.1:\d+\/: nothing is listening there/);
    const usage = await roletray(['exec', '--slot', 'dev:team', 'sh'], parentEnv());
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/give the command after --/);
  });
});
