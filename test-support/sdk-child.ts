import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./sdk-credentials.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface SdkResult {
  ok: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  expiration?: string;
  accountId?: string;
  name?: string;
  message?: string;
}

/** Asks the real AWS SDK for JavaScript v3, in its own process and environment, for credentials. */
export function sdkCredentials(provider: 'http' | 'container-metadata' | 'chain', env: NodeJS.ProcessEnv): Promise<SdkResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [SCRIPT, provider], { env, cwd: ROOT, timeout: 20_000 }, (err, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop();
      if (!line) return reject(new Error(`no answer from the SDK child: ${err?.message ?? ''} ${stderr}`));
      resolve(JSON.parse(line) as SdkResult);
    });
  });
}
