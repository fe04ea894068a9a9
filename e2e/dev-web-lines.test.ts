import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

it('npm run dev:web prints lines for a person: the page to open, what it runs against, how to stop', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test-support/dev-web/dev-web.ts', '--port', '0', '--preview', '--accounts', '4'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('Ctrl-C stops it.\n')) resolve(text);
      });
      child.on('exit', (code) => reject(new Error(`dev:web exited ${code}: ${text}`)));
    });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^RoleTray's window in your browser: http:\/\/127\.0\.0\.1:\d+\/#bridge=\S+$/);
    expect(lines[1]).toMatch(/^ {2}the real core, against a local IAM Identity Center stand-in \(https:\/\/\S+, 4 accounts × 3 roles; "Sign in" is approved at once\)$/);
    expect(lines[2]).toMatch(/^ {2}and an STS stand-in: arn:aws:iam::\d{12}:role\/\S+ for anyone, .+ with external id \S+, IAM user \S+ \(AKIA\w+, MFA arn:aws:iam::\d{12}:mfa\/\S+\)$/);
    expect(lines[3]).toMatch(/^Credential server: http:\/\/127\.0\.0\.1:\d+\/ {3}configuration: \/\S+$/);
    expect(out).not.toContain('{"');
  } finally {
    child.kill('SIGTERM');
  }
});
