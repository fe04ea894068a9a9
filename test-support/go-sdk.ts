import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCES = fileURLToPath(new URL('./go-sdk', import.meta.url));
// Content-addressed, so runs share it safely; kept out of the developer's own Go cache.
const GO_CACHE = join(tmpdir(), 'roletray-go-build-cache');

export interface GoResult {
  ok: boolean;
  accessKeyId?: string;
  message?: string;
}

export type GoSdk = 'v1' | 'v2';

function run(command: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { ...options, timeout: 120_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${command} ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

/**
 * Builds the two Go clients in test-support/go-sdk with Debian's Go and its packaged SDKs
 * (golang-github-aws-aws-sdk-go-dev, golang-github-aws-aws-sdk-go-v2-dev): GOPATH mode over
 * /usr/share/gocode, offline. Resolves with the path of each program.
 */
export async function buildGoClients(): Promise<Record<GoSdk, string>> {
  const out = mkdtempSync(join(tmpdir(), 'roletray-go-'));
  const env = { PATH: process.env.PATH, HOME: out, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOPROXY: 'off', GOFLAGS: '', GOCACHE: GO_CACHE };
  const built = {} as Record<GoSdk, string>;
  for (const sdk of ['v1', 'v2'] as const) {
    built[sdk] = join(out, `go-sdk-${sdk}`);
    await run('go', ['build', '-o', built[sdk], `./${sdk}`], { cwd: SOURCES, env });
  }
  return built;
}

/** Asks a built Go client, in its own process and exactly the environment given, for credentials. */
export async function goCredentials(program: string, env: NodeJS.ProcessEnv): Promise<GoResult> {
  const line = (await run(program, [], { env })).trim().split('\n').pop();
  return JSON.parse(line ?? '{}') as GoResult;
}
