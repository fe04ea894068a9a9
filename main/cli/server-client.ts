import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { SlotAccess } from '../../preload/api';
import { configDirFor } from '../config-dir';
import type { ControlClient } from '../control/control-client';
import { CliError, readTextFile, readTokenFile, usageError, type CliIo } from './io';
import { must, requireOwner } from './owner';
import { expandPath } from './paths';

export interface ClientOptions {
  server: string;
  tokenFile?: string;
  caFile?: string;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** `host:port` or a URL, as the base URL with a trailing slash. */
export function serverUrl(value: string): URL {
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
  'config-dir': { type: 'string' },
} as const;

export const SERVER_HELP = `  --config-dir D      the RoleTray to use: the app or \`roletray serve\` running for D (else $ROLETRAY_CONFIG_DIR,
                      else the platform's directory); its port, token and certificate need no flags
  --server HOST:PORT  another credential server instead (a URL for https), over its HTTP API:
  --token-file F        its bearer token (else $ROLETRAY_TOKEN, else $AWS_CONTAINER_AUTHORIZATION_TOKEN)
  --ca-file F           the CA it uses for https (else $AWS_CA_BUNDLE)
`;

const UNTRUSTED = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']);

/** Whether something at `url`'s address completes a TLS handshake: how an http request that was hung up on learns that the server speaks https. */
function speaksTls(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443), rejectUnauthorized: false, timeout: 3000 });
    const end = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('secureConnect', () => end(true));
    socket.once('error', () => end(false));
    socket.once('timeout', () => end(false));
  });
}

/** A client of a running RoleTray server (the app or `roletray serve`). */
export class ServerClient {
  /** Where the token sent comes from, for a 403's advice. */
  private readonly tokenSource: string | undefined;
  private readonly ca: string | undefined;

  private constructor(
    readonly base: URL,
    /** The bearer token sent. */
    readonly token: string | undefined,
    /** The CA bundle trusted for an https server. */
    readonly caFile: string | undefined,
    tokenSource: string | undefined,
    /** The RoleTray behind this server, when it is this configuration directory's owner. */
    readonly owner?: ControlClient,
  ) {
    this.tokenSource = token === undefined ? undefined : tokenSource;
    this.ca = caFile ? readTextFile(caFile, 'CA bundle') : undefined;
  }

  /** Another server, named by --server, with the token and CA of the options or the environment. */
  static foreign(options: ClientOptions, env: NodeJS.ProcessEnv): ServerClient {
    const base = serverUrl(options.server);
    const tokenFile = options.tokenFile;
    const token = tokenFile ? readTokenFile(tokenFile) : (env.ROLETRAY_TOKEN ?? env.AWS_CONTAINER_AUTHORIZATION_TOKEN);
    const source = tokenFile ? `--token-file ${tokenFile}` : env.ROLETRAY_TOKEN !== undefined ? '$ROLETRAY_TOKEN' : '$AWS_CONTAINER_AUTHORIZATION_TOKEN';
    return new ServerClient(base, token, base.protocol === 'https:' ? (options.caFile ?? env.AWS_CA_BUNDLE) : undefined, source, undefined);
  }

  /** The owner's own server, as its control channel describes it. */
  static owned(owner: ControlClient, access: SlotAccess): ServerClient {
    return new ServerClient(serverUrl(access.url), access.token, access.caFile, 'the running RoleTray', owner);
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
      req.on('error', (err: NodeJS.ErrnoException) => void this.explain(err).then((why) => reject(new CliError(`cannot reach the server at ${this.base.href}: ${why}`))));
      req.end(payload);
    });
  }

  /** A transport failure in the words of what to do: nothing there, the other scheme, an untrusted certificate. */
  private async explain(err: NodeJS.ErrnoException): Promise<string> {
    const { host } = this.base;
    if (err.code === 'ECONNREFUSED') return 'nothing is listening there (start the app or `roletray serve`)';
    if (err.code === 'ERR_SSL_WRONG_VERSION_NUMBER' || err.code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || /wrong version number|packet length too long/.test(err.message)) {
      return `it speaks plain http, not https: give --server http://${host}`;
    }
    if (UNTRUSTED.has(err.code ?? '')) {
      return `its certificate is not trusted (${err.message}): give --ca-file F with the CA that issued it (\`roletray ssl print\` prints a RoleTray's)`;
    }
    if (this.base.protocol === 'http:' && (err.code === 'ECONNRESET' || err.message === 'socket hang up') && (await speaksTls(this.base))) {
      return `it speaks https, not http: give --server https://${host} and --ca-file F with its CA (\`roletray ssl print\` prints a RoleTray's)`;
    }
    return err.message;
  }

  /** The request's answer, or a CliError with the server's own message unless `status` is one of `accept`. */
  async expect(method: string, path: string, body?: unknown, accept: number[] = [200]): Promise<Answer> {
    const answer = await this.request(method, path, body);
    if (!accept.includes(answer.status)) {
      const msg = (answer.body as { message?: unknown } | undefined)?.message;
      const text = typeof msg === 'string' ? msg : String(answer.body);
      const advice =
        answer.status === 403 && text === 'Invalid authorization token'
          ? ` (this command sent ${this.tokenSource ? `the token from ${this.tokenSource}` : 'no token'}; give that server's token with --token-file F or $ROLETRAY_TOKEN: \`roletray auth --show\` prints a RoleTray's)`
          : '';
      throw new CliError(`server answered ${answer.status}: ${text}${advice}`);
    }
    return answer;
  }
}

/**
 * The server a command talks to: with --server, that one over HTTP; else the RoleTray that owns the
 * configuration directory, with its own URL, token and CA.
 */
export async function clientOf(values: { server?: string; 'token-file'?: string; 'ca-file'?: string; 'config-dir'?: string }, io: CliIo): Promise<ServerClient> {
  if (values.server !== undefined) {
    const file = (flag: string, value: string | undefined) => (value === undefined ? undefined : expandPath(flag, value, io.env));
    return ServerClient.foreign({ server: values.server, tokenFile: file('--token-file', values['token-file']), caFile: file('--ca-file', values['ca-file']) }, io.env);
  }
  const owner = await requireOwner(configDirFor(values['config-dir'], io.env));
  return ServerClient.owned(owner, await must(owner, 'slotAccess', ''));
}
