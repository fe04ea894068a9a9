import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * An environment for a real AWS client: a temp HOME, no AWS_* variable from the developer's
 * machine, no instance metadata lookups; then only the variables under test.
 */
export function isolatedAwsEnv(vars: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && key !== 'NODE_EXTRA_CA_CERTS' && key !== 'HOME') env[key] = value;
  }
  env.HOME = mkdtempSync(join(tmpdir(), 'roletray-home-'));
  env.AWS_EC2_METADATA_DISABLED = 'true';
  env.AWS_CONFIG_FILE = join(env.HOME, 'no-config');
  env.AWS_SHARED_CREDENTIALS_FILE = join(env.HOME, 'no-credentials');
  for (const [key, value] of Object.entries(vars)) if (value !== undefined) env[key] = value;
  return env;
}

/** Debian's AWS CLI v2; another `aws` may be first on PATH. */
export const AWS_CLI = '/usr/bin/aws';
