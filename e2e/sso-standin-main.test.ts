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
});
