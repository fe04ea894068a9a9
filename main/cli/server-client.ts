import http from 'node:http';
import https from 'node:https';
import { DEFAULT_PORT } from '../../common/limits';
import { CliError, readTextFile, readTokenFile, usageError, type CliIo } from './io';

export interface ClientOptions {
  server?: string;
  tokenFile?: string;
  caFile?: string;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** `host:port` or a URL, as the base URL with a trailing slash. */
export function serverUrl(server: string | undefined, env: NodeJS.ProcessEnv): URL {
  const value = server ?? `127.0.0.1:${env.ROLETRAY_PORT ?? DEFAULT_PORT}`;
  const withScheme = /^https?:\/\//.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw usageError(`--server must be HOST:PORT or a URL, not "${value}"`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** The options of every command that talks to a running server. */
export const SERVER_OPTIONS = {
  server: { type: 'string' },
  'token-file': { type: 'string' },
  'ca-file': { type: 'string' },
} as const;

export const SERVER_HELP = `  --server HOST:PORT  the running server (default 127.0.0.1:$ROLETRAY_PORT or 127.0.0.1:4144; a URL for https)
  --token-file F      bearer token file (else $ROLETRAY_TOKEN, else $AWS_CONTAINER_AUTHORIZATION_TOKEN)
  --ca-file F         CA bundle for an https server (else $AWS_CA_BUNDLE)
`;

/** A client of a running RoleTray server (the app or `roletray serve`). */
export class ServerClient {
  readonly base: URL;
  /** The bearer token sent, as resolved from the options and environment. */
  readonly token: string | undefined;
  /** The CA bundle trusted for an https server. */
  readonly caFile: string | undefined;
  private readonly ca: string | undefined;

  constructor(options: ClientOptions, env: NodeJS.ProcessEnv) {
    this.base = serverUrl(options.server, env);
    this.token = options.tokenFile
      ? readTokenFile(options.tokenFile)
      : (env.ROLETRAY_TOKEN ?? env.AWS_CONTAINER_AUTHORIZATION_TOKEN);
    this.caFile = this.base.protocol === 'https:' ? (options.caFile ?? env.AWS_CA_BUNDLE) : undefined;
    this.ca = this.caFile ? readTextFile(this.caFile, 'CA bundle') : undefined;
  }

  request(method: string, path: string, body?: unknown): Promise<Answer> {
    const url = new URL(path.replace(/^\//, ''), this.base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = this.token;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method, headers, ca: this.ca, timeout: 10_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (err: NodeJS.ErrnoException) => {
        const why =
          err.code === 'ECONNREFUSED'
            ? 'nothing is listening there (start the app or `roletray serve`)'
            : err.message;
        reject(new CliError(`cannot reach the RoleTray server at ${this.base.href}: ${why}`));
      });
      req.end(payload);
    });
  }

  /** The request's answer, or a CliError with the server's own message unless `status` is one of `accept`. */
  async expect(method: string, path: string, body?: unknown, accept: number[] = [200]): Promise<Answer> {
    const answer = await this.request(method, path, body);
    if (!accept.includes(answer.status)) {
      const msg = (answer.body as { message?: unknown } | undefined)?.message;
      throw new CliError(`server answered ${answer.status}: ${typeof msg === 'string' ? msg : String(answer.body)}`);
    }
    return answer;
  }
}

/** The client for a command's --server, --token-file and --ca-file. */
export function clientOf(values: { server?: string; 'token-file'?: string; 'ca-file'?: string }, io: CliIo): ServerClient {
  return new ServerClient({ server: values.server, tokenFile: values['token-file'], caFile: values['ca-file'] }, io.env);
}
