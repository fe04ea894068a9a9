import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignInFailedError } from './errors';

/** The path of `LOOPBACK_REDIRECT`; the port is this listener's own. */
const CALLBACK_PATH = '/oauth/callback';

/** How the sign-in ended, for the page the browser tab shows. */
export type RedirectOutcome = { ok: true } | { ok: false; message: string };

/** The browser came back with a code for this sign-in; its tab waits for `finish`. */
export interface RedirectCallback {
  code: string;
  finish(outcome: RedirectOutcome): void;
}

export interface RedirectListener {
  /** `http://127.0.0.1:<port>/oauth/callback`, for the authorize request and CreateToken. */
  redirectUri: string;
  /**
   * The first request to the callback path, once its `state` matched. Rejects with a
   * SignInFailedError when the person denied, the state was wrong, the time ran out or the
   * sign-in was cancelled; the listener is then closed.
   */
  callback: Promise<RedirectCallback>;
  /** Stops listening; a connection still answering its page finishes first. */
  close(): void;
}

export interface RedirectOptions {
  state: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** The start URL, named on the page. */
  startUrl: string;
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 1) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, lines: string[]): void {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>RoleTray: ${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em}</style></head>
<body><h1>${escapeHtml(title)}</h1>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>
`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    // The page shows text only; the address it was reached by holds the one-time code.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    // Every socket ends with its answer, so closing the listener leaves nothing open.
    connection: 'close',
  });
  res.end(body);
}

/** Why the browser's answer is not a code for this sign-in, or undefined. */
function refusal(query: URLSearchParams, state: string): SignInFailedError | undefined {
  // The state first: an error from a sign-in that is not this one says nothing about this one.
  if (query.get('state') !== state) {
    return new SignInFailedError('the browser came back from a different sign-in (its state did not match), so nothing was stored; sign in again', 'rejected');
  }
  const error = query.get('error');
  if (error === 'access_denied') return new SignInFailedError('the sign-in was denied in the browser', 'denied');
  if (error) {
    const description = query.get('error_description');
    return new SignInFailedError(`IAM Identity Center refused the sign-in: ${error}${description ? ` (${description})` : ''}`, 'rejected');
  }
  if (!query.get('code')) return new SignInFailedError('the browser came back without an authorization code; sign in again', 'rejected');
  return undefined;
}

/**
 * A one-shot listener on 127.0.0.1 and a free port for the OAuth redirect (RFC 8252): the first
 * request to the callback path decides the sign-in, any later one is told it came too late, and
 * the listener closes once the sign-in is decided, times out or is cancelled.
 */
export async function listenForRedirect(options: RedirectOptions): Promise<RedirectListener> {
  if (options.signal?.aborted) throw new SignInFailedError('sign-in cancelled', 'cancelled');
  let decided = false;
  let settle: { resolve: (c: RedirectCallback) => void; reject: (e: SignInFailedError) => void } | undefined;
  const callback = new Promise<RedirectCallback>((resolve, reject) => (settle = { resolve, reject }));
  // The caller awaits it only after opening the browser; a failure before then is still theirs.
  callback.catch(() => undefined);

  const server = createServer((req, res) => answer(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  const close = () => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    server.close();
    server.closeIdleConnections();
  };
  const fail = (err: SignInFailedError) => {
    decided = true;
    settle!.reject(err);
    close();
  };

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://${host}`);
    // Only the address the redirect names: a page elsewhere reaching it by a rebound host name gets nothing.
    if (req.headers.host !== host) return page(res, 400, 'Wrong address', ['This address only answers as ' + host + '.']);
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) return page(res, 404, 'Not found', ['Nothing here: this listener waits for one sign-in only.']);
    if (decided) {
      return page(res, 409, 'Sign-in already answered', [
        'This sign-in was already decided by an earlier page; this one changes nothing.',
        'You can close this tab. Sign in again from RoleTray if you are not signed in.',
      ]);
    }
    const refused = refusal(url.searchParams, options.state);
    if (refused) {
      page(res, 400, 'Sign-in failed', [`RoleTray did not sign in to ${options.startUrl}: ${refused.message}.`, 'You can close this tab.']);
      return fail(refused);
    }
    decided = true;
    settle!.resolve({
      code: url.searchParams.get('code')!,
      finish(outcome) {
        if (res.writableEnded) return;
        if (outcome.ok) page(res, 200, 'Signed in', [`RoleTray is signed in to ${options.startUrl}.`, 'You can close this tab.']);
        else page(res, 502, 'Sign-in failed', [`RoleTray did not sign in to ${options.startUrl}: ${outcome.message}.`, 'You can close this tab.']);
        close();
      },
    });
  }

  const timer = setTimeout(() => {
    if (!decided) fail(new SignInFailedError(`the browser did not finish the sign-in within ${duration(options.timeoutMs)}, so nothing was stored; sign in again`, 'expired'));
  }, options.timeoutMs);
  const onAbort = () => {
    if (!decided) fail(new SignInFailedError('sign-in cancelled', 'cancelled'));
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  return { redirectUri: `http://${host}${CALLBACK_PATH}`, callback, close };
}
