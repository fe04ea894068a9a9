import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consoleSigninUrl, SigninError } from '../main/console/signin-url';
import { startFederationStandin, type FederationStandin } from '../test-support/federation-standin';
import { makeCreds, putBody } from '../test-support/credentials';
import { roletray, type Run } from '../test-support/roletray-cli';
import { serveWithToken } from '../test-support/serve-with-token';

/** `roletray console`: the sign-in URL made through a federation endpoint stand-in, and what the command shows. */

const TOKEN = 'console-token-0123456789abcdefgh';
let federation: FederationStandin;
let served: Awaited<ReturnType<typeof serveWithToken>>;
const creds = makeCreds();
const session = { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken };

beforeAll(async () => {
  federation = await startFederationStandin();
  served = await serveWithToken(TOKEN);
  const res = await fetch(`${served.url}slot/dev`, {
    method: 'PUT',
    headers: { authorization: TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify(putBody('dev', creds)),
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await served.stop();
  await federation.close();
});
afterEach(() => federation.failWith(undefined));

function query(url: string) {
  const u = new URL(url);
  return { origin: u.origin, path: u.pathname, params: Object.fromEntries(u.searchParams) };
}

describe('the console sign-in URL', () => {
  it('sends exactly the three session values, without SessionDuration, and builds the login URL with the token it got', async () => {
    const url = await consoleSigninUrl(session, { federationUrl: federation.url });
    const got = federation.requests.at(-1)!;
    expect(got.method).toBe('GET');
    expect(got.path).toBe('/federation');
    expect([...got.query.keys()].sort()).toEqual(['Action', 'Session']);
    expect(got.query.get('Action')).toBe('getSigninToken');
    expect(got.session).toEqual({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken });

    expect(query(url)).toEqual({
      origin: federation.url,
      path: '/federation',
      params: { Action: 'login', Issuer: 'RoleTray', Destination: 'https://console.aws.amazon.com/', SigninToken: federation.tokens.at(-1) },
    });
  });

  it('passes the destination and the region; the region picks the partition\'s console', async () => {
    const dest = (o: Parameters<typeof consoleSigninUrl>[1]) => consoleSigninUrl(session, { federationUrl: federation.url, ...o }).then((u) => query(u).params.Destination);
    expect(await dest({ region: 'eu-central-1' })).toBe('https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1');
    expect(await dest({ region: 'us-gov-east-1' })).toBe('https://us-gov-east-1.console.amazonaws-us-gov.com/console/home?region=us-gov-east-1');
    expect(await dest({ region: 'cn-northwest-1' })).toBe('https://cn-northwest-1.console.amazonaws.cn/console/home?region=cn-northwest-1');
    expect(await dest({ partition: 'aws-us-gov' })).toBe('https://console.amazonaws-us-gov.com/');
    const s3 = 'https://s3.console.aws.amazon.com/s3/buckets?region=eu-west-1&tab=objects';
    expect(await dest({ destination: s3, region: 'eu-central-1' })).toBe(s3);
    await expect(consoleSigninUrl(session, { federationUrl: federation.url, destination: 'javascript:alert(1)' })).rejects.toThrow('the destination must be an https URL');
  });

  it.each([
    [400, /^the federation endpoint 127\.0\.0\.1:\d+ answered 400 \(credentials refused: expired, or not temporary role credentials\?\)$/],
    [500, /^the federation endpoint 127\.0\.0\.1:\d+ answered 500$/],
    ['bad-json', /^the federation endpoint 127\.0\.0\.1:\d+ did not answer JSON$/],
    ['no-token', /^the federation endpoint 127\.0\.0\.1:\d+ answered without a SigninToken$/],
    ['hang', /^cannot reach the federation endpoint 127\.0\.0\.1:\d+: no answer within 0\.3 s$/],
  ] as const)('reports a federation endpoint failing with %s in one line, naming no secret', async (failure, message) => {
    federation.failWith(failure);
    const err = (await consoleSigninUrl(session, { federationUrl: federation.url, timeoutMs: 300 }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(SigninError);
    expect(err.message).toMatch(message);
  });

  it('reports an unreachable federation endpoint, and refuses one that is not a URL', async () => {
    const closed = await startFederationStandin();
    await closed.close();
    await expect(consoleSigninUrl(session, { federationUrl: closed.url })).rejects.toThrow(/^cannot reach the federation endpoint 127\.0\.0\.1:\d+: ECONNREFUSED$/);
    await expect(consoleSigninUrl(session, { federationUrl: 'signin' })).rejects.toThrow('the federation endpoint must be an http(s) URL, not "signin"');
  });
});

describe('roletray console', () => {
  const env = (vars: Record<string, string> = {}): NodeJS.ProcessEnv => {
    const clean: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_') && !k.startsWith('ROLETRAY_') && k !== 'BROWSER') clean[k] = v;
    return { ...clean, ROLETRAY_FEDERATION_URL: federation.url, ROLETRAY_TOKEN: TOKEN, ...vars };
  };
  const run = (args: string[], vars?: Record<string, string>) => roletray(['console', '--server', `127.0.0.1:${served.port}`, ...args], env(vars));
  const secrets = () => [creds.secretAccessKey, creds.sessionToken, ...federation.tokens];
  const expectNoSecret = (r: Run) => {
    for (const s of secrets()) {
      expect(r.stdout).not.toContain(s);
      expect(r.stderr).not.toContain(s);
    }
  };

  it('--print prints the sign-in URL for the slot\'s credentials, region and destination passed', async () => {
    const r = await run(['--slot', 'dev', '--print', '--region', 'eu-west-1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(federation.requests.at(-1)!.session).toEqual({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken });
    const { params } = query(r.stdout.trim());
    expect(params).toMatchObject({ Action: 'login', SigninToken: federation.tokens.at(-1), Destination: 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1' });
  });

  it('without --print, the browser gets a private page\'s path, never the sign-in URL: no process\'s arguments hold its SigninToken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roletray-browser-'));
    const browser = join(dir, 'browser');
    // The stand-in keeps what it was given and stays running until the test has looked at every process.
    writeFileSync(
      browser,
      `#!/bin/sh\necho $$ > '${dir}/pid.tmp' && mv '${dir}/pid.tmp' '${dir}/pid'\ncp "$1" '${dir}/page'\nstat -c %a "$1" > '${dir}/mode'\n` +
        `i=0; while [ ! -e '${dir}/go' ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done\n`,
    );
    chmodSync(browser, 0o755);
    const running = run(['--slot', 'dev', '--destination', 'https://console.aws.amazon.com/iam/home'], { BROWSER: browser });
    await expect.poll(() => existsSync(join(dir, 'pid')), { timeout: 15_000 }).toBe(true);
    const signinToken = federation.tokens.at(-1)!;
    const argv = readFileSync(`/proc/${readFileSync(join(dir, 'pid'), 'utf8').trim()}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(argv.slice(0, 2)).toEqual(['/bin/sh', browser]);
    const pagePath = argv[2]!;
    expect(pagePath).toMatch(/\/roletray-console-[^/]+\/console\.html$/);
    expect(argv).toHaveLength(3);
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      expect(cmdline, `the arguments of process ${pid}`).not.toContain(signinToken);
    }
    writeFileSync(join(dir, 'go'), '');
    const r = await running;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Opened the AWS console for slot "dev" in your browser.\n');
    expect(r.stderr).toBe('');
    expect(readFileSync(join(dir, 'mode'), 'utf8').trim()).toBe('600');
    const target = /content="0;url=([^"]+)"/.exec(readFileSync(join(dir, 'page'), 'utf8'))![1]!.replaceAll('&amp;', '&');
    expect(query(target).params).toMatchObject({ SigninToken: signinToken, Destination: 'https://console.aws.amazon.com/iam/home' });
    expect(existsSync(pagePath)).toBe(false);
    expectNoSecret(r);
  });

  it('fails in one line, naming no secret, when the federation endpoint fails, the browser is missing or the slot is empty', async () => {
    federation.failWith(500);
    const failed = await run(['--slot', 'dev', '--print']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/^roletray console: the federation endpoint 127\.0\.0\.1:\d+ answered 500\n$/);
    expectNoSecret(failed);
    federation.failWith(undefined);

    const noBrowser = await run(['--slot', 'dev'], { BROWSER: '/nonexistent/browser' });
    expect(noBrowser.code).toBe(1);
    expect(noBrowser.stderr).toBe('roletray console: cannot open a browser with /nonexistent/browser: not found (use --print to get the URL)\n');
    expectNoSecret(noBrowser);

    const empty = await run(['--slot', 'nothing', '--print']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^roletray console: slot "nothing" has no usable credentials \(load them: .*\)\n$/);
  });
});
