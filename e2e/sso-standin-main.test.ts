import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../test-support/free-port';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs `npm run sso-standin -- ARGS` as the script does, until its first lines (or its exit). */
function standin(args: string[]): Promise<{ out: string; err: string; code: number | null; stop: () => void }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test-support/sso-standin-main.ts', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const stop = () => child.kill('SIGTERM');
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('# roletray login')) resolve({ out, err, code: null, stop });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ out, err, code, stop }));
  });
}

describe('npm run sso-standin', () => {
  it('listens on the --port given, and says so in the lines to paste', async () => {
    const port = await freePort();
    const run = await standin(['--port', String(port)]);
    try {
      expect(run.out).toContain(`export AWS_ENDPOINT_URL_SSO=http://127.0.0.1:${port}\n`);
      expect(run.out).toContain(`export AWS_ENDPOINT_URL_SSO_OIDC=http://127.0.0.1:${port}\n`);
    } finally {
      run.stop();
    }
  });

  it('refuses a taken port and a bad one, saying what to do', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      expect(await standin(['--port', String(port)])).toMatchObject({
        code: 1,
        err: `sso-standin: port ${port} on 127.0.0.1 is in use; choose another with --port, or 0 for a free one\n`,
      });
    } finally {
      taken.close();
    }
    expect(await standin(['--port', '70000'])).toMatchObject({ code: 2, err: 'sso-standin: --port must be a whole number from 0 to 65535, not "70000"\n' });
  });

  it('answers a browser sign-in as --consent says, and refuses a consent it does not know', async () => {
    const port = await freePort();
    const run = await standin(['--port', String(port), '--consent', 'deny']);
    try {
      const base = `http://127.0.0.1:${port}`;
      const startUrl = /# start URL: (\S+)/.exec(run.out)![1]!;
      const registered = await fetch(`${base}/client/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientName: 'test', clientType: 'public', grantTypes: ['authorization_code'], redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: startUrl }),
      });
      const { clientId } = (await registered.json()) as { clientId: string };
      const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: 'http://127.0.0.1:9/oauth/callback', state: 's1', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
      const answer = await fetch(`${base}/authorize?${query}`, { redirect: 'manual' });
      expect(answer.status).toBe(302);
      expect(Object.fromEntries(new URL(answer.headers.get('location')!).searchParams)).toEqual({ error: 'access_denied', error_description: 'The user denied the request', state: 's1' });
    } finally {
      run.stop();
    }
    expect(await standin(['--consent', 'maybe'])).toMatchObject({ code: 2, err: 'sso-standin: --consent must be approve, deny or wrong-state\n' });
  });
});
