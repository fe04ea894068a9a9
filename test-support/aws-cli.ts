import { execFile } from 'node:child_process';
import { AWS_CLI } from './aws-env';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs Debian's AWS CLI v2 with exactly the environment given. */
export function awsCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(AWS_CLI, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `aws configure export-credentials --format process`: what the CLI would sign requests with. */
export async function awsCliCredentials(env: NodeJS.ProcessEnv) {
  const run = await awsCli(['configure', 'export-credentials', '--format', 'process'], env);
  return { ...run, creds: run.code === 0 ? (JSON.parse(run.stdout) as Record<string, string>) : undefined };
}
