import http from 'node:http';
import https from 'node:https';

export type Probe = { status: number; headers: http.IncomingHttpHeaders; body: string } | { error: string };

/** One request, its answer or the error code it failed with; never throws. */
export function probe(url: URL, options: { method?: string; headers?: Record<string, string>; ca?: string; timeoutMs?: number } = {}): Promise<Probe> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = transport.request(url, { method: options.method ?? 'GET', headers: options.headers, ca: options.ca, timeout: options.timeoutMs ?? 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk.slice(0, 4096)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.name }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.name }));
    req.end();
  });
}
