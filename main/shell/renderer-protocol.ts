// Serves the built renderer to the window from roletray://app/ and refuses every other request.
// It takes and returns web-standard Request/Response, so Electron's protocol.handle and a Node test call the same function.
// It may import node:fs, node:path and mime-types only, never electron (main/electron/ registers it).
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { contentType } from 'mime-types';

export const APP_SCHEME = 'roletray';
const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** Every flag of Electron 45's `Privileges`, each decided on purpose (`satisfies Electron.Privileges` in main/electron). */
export interface SchemePrivileges {
  readonly standard: boolean;
  readonly secure: boolean;
  readonly bypassCSP: boolean;
  readonly allowServiceWorkers: boolean;
  readonly supportFetchAPI: boolean;
  readonly corsEnabled: boolean;
  readonly stream: boolean;
  readonly codeCache: boolean;
  readonly allowExtensions: boolean;
}

export const APP_SCHEME_PRIVILEGES: SchemePrivileges = {
  // A real origin (roletray://app) for the page, so Vite's relative ./assets/ URLs resolve and 'self' in the CSP means it.
  standard: true,
  // A secure context like https: navigator.clipboard (the Copy buttons) exists only in one.
  secure: true,
  // The page's own CSP must bind it; bypassing would let any script the page loads run unchecked.
  bypassCSP: false,
  // No service worker: one could outlive an app update and keep serving the old renderer.
  allowServiceWorkers: false,
  // Vite's <script type="module"> and fetch() load through the Fetch API, which Blink allows only on schemes registered for it.
  supportFetchAPI: true,
  // Same-origin loads need no CORS; off, no other origin can read these files (electron/electron#51152).
  corsEnabled: false,
  // Only whole files, no <video>/<audio> that would need streamed responses.
  stream: false,
  // V8 keeps compiled renderer code between launches, so the window opens faster (requires standard).
  codeCache: true,
  // The window loads no Chrome extensions.
  allowExtensions: false,
};

/** A refused request and why, for the log: the page itself only sees a status. */
export interface Refusal {
  url: string;
  method: string;
  status: number;
  reason: string;
}

export interface RendererProtocolOptions {
  onRefused?: (refusal: Refusal) => void;
}

// Errors are plain text that loads nothing, so they get the strictest policy, whatever index.html says.
const ERROR_CSP = "default-src 'none'";
const CSP_META = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/i;
const CONTENT_ATTRIBUTE = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i;
// Separators smuggled in encoded, NUL and control characters, and ':' (Windows drive letters, alternate data streams).
const FORBIDDEN_IN_SEGMENT = /[/\\:\p{Cc}]/u;

class Refused extends Error {
  override readonly name = 'Refused';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The CSP of the built page's meta tag: the header repeats it, so one policy (renderer/index.html) governs both. */
function pagePolicy(indexHtml: string): string {
  const policy = CSP_META.exec(indexHtml)?.[0].match(CONTENT_ATTRIBUTE)?.slice(1).find((v) => v !== undefined)?.trim();
  if (!policy) throw new Refused(500, 'index.html has no Content-Security-Policy meta tag; the renderer is not served without one');
  return policy;
}

/** The request's path as segments under the root, or a refusal. The URL parser has already removed dot segments, %2e ones included. */
function segmentsOf(request: Request): string[] {
  const method = request.method;
  if (method !== 'GET' && method !== 'HEAD') throw new Refused(405, `${method} is not allowed; only GET and HEAD`);
  const url = new URL(request.url);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) throw new Refused(403, `only ${APP_ORIGIN}/ is served`);
  if (url.pathname === '' || url.pathname === '/') return ['index.html'];
  return url.pathname
    .slice(1)
    .split('/')
    .map((raw) => {
      if (raw === '') throw new Refused(400, 'the path has an empty segment');
      if (raw.includes('\\')) throw new Refused(400, 'the path has a backslash');
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        throw new Refused(400, 'the path has a malformed percent-encoding');
      }
      if (FORBIDDEN_IN_SEGMENT.test(segment)) throw new Refused(400, 'the path has an encoded separator, a colon or a control character');
      return segment;
    });
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

/** A missing file (or a path through one) is a 404; anything else is unexpected. */
function missingAs(message: string): (error: unknown) => never {
  return (error) => {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' || code === 'ENOTDIR' ? new Refused(404, message) : error;
  };
}

function errorResponse(request: Request, status: number, message: string): Response {
  return new Response(request.method === 'HEAD' ? null : `${message}\n`, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': ERROR_CSP,
      'X-Content-Type-Options': 'nosniff',
      ...(status === 405 ? { Allow: 'GET, HEAD' } : {}),
    },
  });
}

/**
 * The handler for `protocol.handle(APP_SCHEME, …)`: files under `rootDir` (the built renderer) by
 * their path, `/` as index.html, each with its MIME type, index.html's CSP and nosniff. Resolves
 * symlinks before checking containment. Never throws: every failure is a plain-text answer.
 * Reads by path (realpath, stat, readFile) because Electron 45 serves those from inside app.asar,
 * while file descriptors into the archive only arrive in a later Electron.
 */
export function createRendererProtocolHandler(rootDir: string, options: RendererProtocolOptions = {}): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const segments = segmentsOf(request);
      const path = `/${segments.join('/')}`;
      const root = await realpath(rootDir).catch(missingAs('the renderer directory is missing'));
      const file = await realpath(join(root, ...segments)).catch(missingAs(`${path} not found`));
      if (!isInside(root, file)) throw new Refused(403, `${path} resolves outside the renderer directory`);
      const info = await stat(file);
      if (!info.isFile()) throw new Refused(403, `${path} is not a file`);
      const policy = pagePolicy(await readFile(join(root, 'index.html'), 'utf8').catch(missingAs('index.html not found')));
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': contentType(extname(file)) || 'application/octet-stream',
          'Content-Length': String(body?.length ?? info.size),
          'Content-Security-Policy': policy,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch (error) {
      // Our own refusals explain themselves to the page; an unexpected error is named only in the log.
      const refused = error instanceof Refused;
      const status = refused ? error.status : 500;
      const reason = refused ? error.message : `${(error as Error).name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
      options.onRefused?.({ url: request.url, method: request.method, status, reason });
      return errorResponse(request, status, refused ? reason : 'RoleTray could not read this file');
    }
  };
}
