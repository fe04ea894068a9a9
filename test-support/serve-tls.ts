import { mkdtempSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLocalTls } from '../main/tls/generate';
import { startServe, type Served } from './roletray-cli';

export interface ServedTls extends Served {
  /** The local CA the server's certificate chains to, for clients to trust. */
  ca: string;
  /** An https request through a fresh connection that trusts the CA. */
  request(method: string, path: string, headers?: Record<string, string>, body?: string): Promise<{ status: number; text: string; ms: number }>;
}

/** `roletray serve --port 0 --tls-cert F --tls-key F --token-file F` with a generated certificate, in a child process. */
export async function serveTls(token: string): Promise<ServedTls> {
  const dir = mkdtempSync(join(tmpdir(), 'roletray-tls-serve-'));
  const tls = await generateLocalTls(Date.now());
  const files = { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem'), token: join(dir, 'token') };
  writeFileSync(files.cert, tls.cert);
  writeFileSync(files.key, tls.key, { mode: 0o600 });
  writeFileSync(files.token, token, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('ROLETRAY_')) env[key] = value;
  env.ROLETRAY_CONFIG_DIR = join(dir, 'config');
  const served = await startServe(['--port', '0', '--tls-cert', files.cert, '--tls-key', files.key, '--token-file', files.token], env);
  const agent = new https.Agent({ keepAlive: false, ca: tls.caCert });
  const request: ServedTls['request'] = (method, path, headers = {}, body) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = https.request({ host: '127.0.0.1', port: served.port, method, path, headers, agent, timeout: 15_000 }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - started }));
      });
      req.on('timeout', () => req.destroy(new Error('no answer within 15 s')));
      req.on('error', reject);
      req.end(body);
    });
  return { ...served, ca: tls.caCert, request };
}
