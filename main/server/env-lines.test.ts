import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandLine, envLines } from './env-lines';

/** What bash ends up with after running the lines. */
function bashEnv(lines: string[]): Record<string, string> {
  const script = `${lines.join('\n')}\nenv -0`;
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', script], { env: { PATH: process.env.PATH, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/x' } });
  return Object.fromEntries(
    out
      .toString()
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}

describe('envLines', () => {
  it('gives bash a working environment for a named slot with a token file and CA', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/roletray env ');
    const tokenFile = `${dir}/it's token`;
    writeFileSync(tokenFile, 'tok-123');
    const env = bashEnv(
      envLines('sh', { url: 'https://127.0.0.1:4144/', slot: "team's/one", token: { file: tokenFile }, caFile: `${dir}/ca.pem` }),
    );
    expect(env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI).toBeUndefined();
    expect(env.AWS_CONTAINER_CREDENTIALS_FULL_URI).toBe("https://127.0.0.1:4144/slot/team's%2Fone");
    expect(env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE).toBe(tokenFile);
    expect(env.AWS_CONTAINER_AUTHORIZATION_TOKEN).toBe('tok-123');
    expect(env.AWS_CA_BUNDLE).toBe(`${dir}/ca.pem`);
    expect(env.NODE_EXTRA_CA_CERTS).toBe(`${dir}/ca.pem`);
  });

  it('refers to a variable instead of printing its token', () => {
    const lines = envLines('sh', { url: 'http://127.0.0.1:4144/', token: { variable: 'ROLETRAY_TOKEN' } });
    expect(lines).toContain('export AWS_CONTAINER_AUTHORIZATION_TOKEN="$ROLETRAY_TOKEN"');
  });

  it('takes the token from a command, its words quoted for the shell (roletray auth --show --config-dir D)', () => {
    const lines = envLines('sh', { url: 'http://127.0.0.1:4144/', token: { command: ['printf', '%s', "it's a token"] } });
    expect(lines).toContain(`export AWS_CONTAINER_AUTHORIZATION_TOKEN="$(printf %s 'it'\\''s a token')"`);
    expect(bashEnv(lines).AWS_CONTAINER_AUTHORIZATION_TOKEN).toBe("it's a token");
    expect(envLines('fish', { url: 'http://127.0.0.1:4144/', token: { command: ['roletray', 'auth', '--show'] } })).toContain(
      'set -gx AWS_CONTAINER_AUTHORIZATION_TOKEN (roletray auth --show | string collect)',
    );
  });

  it('speaks fish and PowerShell', () => {
    expect(envLines('fish', { url: 'http://127.0.0.1:4144/', token: { value: "a'b" } })).toEqual([
      'set -e AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      "set -gx AWS_CONTAINER_CREDENTIALS_FULL_URI 'http://127.0.0.1:4144/'",
      "set -gx AWS_CONTAINER_AUTHORIZATION_TOKEN 'a\\'b'",
    ]);
    expect(envLines('powershell', { url: 'http://127.0.0.1:4144/', token: { file: 'C:\\t' } })).toEqual([
      'Remove-Item Env:AWS_CONTAINER_CREDENTIALS_RELATIVE_URI -ErrorAction SilentlyContinue',
      "$env:AWS_CONTAINER_CREDENTIALS_FULL_URI = 'http://127.0.0.1:4144/'",
      "$env:AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = 'C:\\t'",
      "$env:AWS_CONTAINER_AUTHORIZATION_TOKEN = (Get-Content -Raw 'C:\\t')",
    ]);
  });

  it('carries the slot\'s default region as AWS_REGION and AWS_DEFAULT_REGION, which a shell then has', () => {
    const lines = envLines('sh', { url: 'http://127.0.0.1:4144/', region: 'eu-central-1' });
    expect(bashEnv(lines)).toMatchObject({ AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'eu-central-1' });
    expect(envLines('fish', { url: 'http://127.0.0.1:4144/', region: 'eu-central-1' }).slice(-2)).toEqual(["set -gx AWS_REGION 'eu-central-1'", "set -gx AWS_DEFAULT_REGION 'eu-central-1'"]);
    expect(envLines('sh', { url: 'http://127.0.0.1:4144/' }).some((l) => l.includes('REGION'))).toBe(false);
  });
});

/** How botocore (the AWS CLI, boto3) splits a credential_process line on that platform: its own splitter, not a guess at it. */
function botocoreSplit(line: string, platform: 'win32' | 'linux'): string[] {
  const script = 'import json, sys\nfrom botocore.compat import compat_shell_split\nprint(json.dumps(compat_shell_split(sys.stdin.read(), sys.argv[1])))';
  return JSON.parse(execFileSync('python3', ['-c', script, platform], { input: line, encoding: 'utf8' })) as string[];
}

describe('commandLine', () => {
  const awkward = ["team's admin", 'say "hi"', 'x&y|z', 'a,b;c=d', 'tab\there', '(paren)^caret', 'ends\\', 'back\\\\"slash\\'];

  it('quotes Windows words so botocore splits the line back into the same words, and leaves plain ones bare', () => {
    const words = ['C:\\Program Files\\RoleTray\\resources\\bin\\roletray.exe', 'credential-process', '--profile', ...awkward, '--config-dir', 'C:\\Users\\Me\\AppData\\Roaming\\RoleTray'];
    const line = commandLine(words, 'win32');
    expect(line.startsWith('"C:\\Program Files\\RoleTray\\resources\\bin\\roletray.exe" credential-process --profile ')).toBe(true);
    expect(line.endsWith(' --config-dir C:\\Users\\Me\\AppData\\Roaming\\RoleTray')).toBe(true);
    expect(botocoreSplit(line, 'win32')).toEqual(words);
  });

  it('quotes POSIX words so botocore and the shell the JS SDK runs it in both get the same words back', () => {
    const words = ['/opt/RoleTray/resources/bin/roletray', 'credential-process', '--profile', ...awkward, '--config-dir', '/home/me/.config/RoleTray'];
    const line = commandLine(words, 'linux');
    expect(botocoreSplit(line, 'linux')).toEqual(words);
    const shellWords = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
    expect(shellWords).toEqual(words);
  });
});
