import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type Served } from './roletray-cli';

/** `roletray serve --port 0 --token-file F` in a child process, with no ROLETRAY_* variable from the developer's shell. */
export async function serveWithToken(token: string): Promise<Served & { tokenFile: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'roletray-hardening-'));
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, token, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('ROLETRAY_')) env[key] = value;
  env.ROLETRAY_CONFIG_DIR = join(dir, 'config');
  const served = await startServe(['--port', '0', '--token-file', tokenFile], env);
  return { ...served, tokenFile };
}
