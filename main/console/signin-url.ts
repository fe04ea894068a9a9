// main/console: the AWS console signed in as a role, through the federation endpoint, and the
// browser that opens it. It may import common/ and node only.
import { consoleEndpoints } from './console-endpoints';
import { UserError } from '../../common/user-error';

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface SigninOptions {
  /** Console URL to land on; default the console home (of `region` when given). */
  destination?: string;
  region?: string;
  /** The role ARN's partition, used when no region says which one. */
  partition?: string;
  /** The federation endpoint's base instead of the partition's (ROLETRAY_FEDERATION_URL; tests use a stand-in). */
  federationUrl?: string;
  /** Shown by the console as where the session came from. */
  issuer?: string;
  timeoutMs?: number;
}

/** A failure of the federation endpoint, in one line that never contains the credentials or the URL (it carries them). */
export class SigninError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'SigninError';
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

function checkedDestination(destination: string): string {
  let url: URL;
  try {
    url = new URL(destination);
  } catch {
    throw new SigninError(`the destination must be a console URL, not "${destination}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SigninError(`the destination must be an https URL, not "${destination}"`);
  return url.href;
}

function checkedFederation(base: string): string {
  try {
    const url = new URL(base);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href.replace(/\/+$/, '');
  } catch {
    // named below
  }
  throw new SigninError(`the federation endpoint must be an http(s) URL, not "${base}"`);
}

async function signinToken(federation: string, creds: SessionCredentials, timeoutMs: number): Promise<string> {
  const url = new URL(`${federation}/federation`);
  url.searchParams.set('Action', 'getSigninToken');
  // No SessionDuration: the federation endpoint refuses it for credentials of an assumed role
  // session (what IAM Identity Center hands out); the console session then lasts as long as they do.
  url.searchParams.set('Session', JSON.stringify({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken }));
  const where = `the federation endpoint ${new URL(federation).host}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
    throw new SigninError(`cannot reach ${where}: ${why}`);
  }
  const text = await res.text();
  // AWS answers 400 when the credentials are expired, revoked or not a role session.
  if (!res.ok) throw new SigninError(`${where} answered ${res.status}${res.status === 400 ? ' (credentials refused: expired, or not temporary role credentials?)' : ''}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SigninError(`${where} did not answer JSON`);
  }
  const token = (body as { SigninToken?: unknown } | null)?.SigninToken;
  if (typeof token !== 'string' || token === '') throw new SigninError(`${where} answered without a SigninToken`);
  return token;
}

/**
 * A one-time AWS console sign-in URL for temporary credentials (the federation endpoint's
 * getSigninToken, then its login action). Anyone holding the URL is signed in for ~15 minutes:
 * treat it like the credentials.
 */
export async function consoleSigninUrl(creds: SessionCredentials, options: SigninOptions = {}): Promise<string> {
  const endpoints = consoleEndpoints(options.region, options.partition);
  const federation = checkedFederation(options.federationUrl ?? endpoints.signin);
  const destination = checkedDestination(options.destination ?? endpoints.destination);
  const token = await signinToken(federation, creds, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const login = new URL(`${federation}/federation`);
  login.searchParams.set('Action', 'login');
  login.searchParams.set('Issuer', options.issuer ?? 'RoleTray');
  login.searchParams.set('Destination', destination);
  login.searchParams.set('SigninToken', token);
  return login.href;
}
