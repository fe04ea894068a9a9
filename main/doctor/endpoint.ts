import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import type { DoctorContext, Finding } from './finding';
import { probe } from './probe';

const TOKEN_FILE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';
const TOKEN = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
const FULL_URI = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';

const isLoopbackHost = (host: string) => host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
const portOf = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));
const STOP_OR_MOVE = 'stop it, or give RoleTray another port (Server › Port in the window, or roletray serve --port N)';

/** The token file's content as botocore would send it, and what is wrong with the file. */
async function tokenFile(path: string): Promise<{ token?: string; findings: Finding[] }> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      findings: [{ id: 'token-file-unreadable', problem: `${TOKEN_FILE}=${path} cannot be read (${code === 'ENOENT' ? 'no such file' : code}): the SDKs that read it fail.`, fix: 'point it at RoleTray\'s token file (Security › Token file in the window, roletray auth --token-file F)' }],
    };
  }
  const findings: Finding[] = [];
  if (/[\r\n]$/.test(content)) {
    findings.push({ id: 'token-file-newline', problem: `${path} ends with a newline: botocore sends it as part of the token (newer releases refuse it outright).`, fix: `truncate -s -1 ${path} (or let RoleTray write the file: roletray auth --token-file ${path})` });
  }
  const mode = (await stat(path)).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    findings.push({ id: 'token-file-mode', problem: `${path} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}): they can take your role's credentials with it.`, fix: `chmod 600 ${path}` });
  }
  return { token: content.replace(/\r?\n$/, ''), findings };
}

/** Whether RoleTray answers where it should: it, nothing, or another program. */
async function whoAnswers(base: URL, ca: string | undefined): Promise<'roletray' | 'nothing' | 'other'> {
  const answer = await probe(new URL('version', base), { ca });
  if ('error' in answer) return answer.error === 'ECONNREFUSED' ? 'nothing' : 'other';
  try {
    return (JSON.parse(answer.body) as { name?: unknown }).name === 'roletray' ? 'roletray' : 'other';
  } catch {
    return 'other';
  }
}

/**
 * Where RoleTray listens, and whether AWS_CONTAINER_CREDENTIALS_FULL_URI and the token reach it:
 * the port (taken by another program?), the address and scheme, `localhost` resolving to ::1
 * first, the token's match, the slot having credentials. Only loopback addresses are ever asked.
 */
export async function endpointFindings(ctx: DoctorContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  const fromFile = ctx.env[TOKEN_FILE] ? await tokenFile(ctx.env[TOKEN_FILE]) : undefined;
  findings.push(...(fromFile?.findings ?? []));

  const base = new URL(ctx.server.url ?? `http://127.0.0.1:${ctx.server.port}/`);
  const who = await whoAnswers(base, ctx.ca);
  if (who === 'nothing') return [...findings, { id: 'not-running', problem: `RoleTray is not answering on ${base.host}.`, fix: 'start RoleTray (the tray app, or roletray serve)' }];
  if (who === 'other') return [...findings, { id: 'port-taken', problem: `Another program holds port ${portOf(base)} on 127.0.0.1, where RoleTray should answer.`, fix: STOP_OR_MOVE }];

  const raw = ctx.env[FULL_URI];
  if (!raw) return findings;
  let target: URL;
  try {
    target = new URL(raw);
  } catch {
    return [...findings, { id: 'full-uri-invalid', problem: `${FULL_URI}=${raw} is not a URL.`, fix: `export ${FULL_URI}=${base.href}` }];
  }
  const fix = `export ${FULL_URI}=${new URL(target.pathname, base).href}`;
  if (!isLoopbackHost(target.hostname)) {
    return [...findings, { id: 'full-uri-elsewhere', problem: `${FULL_URI} points at ${target.host}, not at RoleTray on this machine.`, fix }];
  }
  if (portOf(target) !== portOf(base)) {
    return [...findings, { id: 'full-uri-port', problem: `${FULL_URI} points at port ${portOf(target)}; RoleTray answers on port ${portOf(base)}.`, fix }];
  }
  if (target.protocol !== base.protocol) {
    return [...findings, { id: 'full-uri-scheme', problem: `${FULL_URI} uses ${target.protocol.slice(0, -1)}; RoleTray speaks ${base.protocol.slice(0, -1)} on port ${portOf(base)}.`, fix }];
  }
  if (isIP(target.hostname.replace(/^\[|\]$/g, '')) === 0) {
    const addresses = await lookup(target.hostname, { all: true, order: 'verbatim' }).catch(() => []);
    const first = addresses[0]?.address;
    if (first !== undefined && first !== base.hostname.replace(/^\[|\]$/g, '')) {
      findings.push({
        id: 'localhost-ipv6-first',
        problem: `${target.hostname} resolves to ${first} first, where RoleTray does not listen: clients that try only the first address fail.`,
        fix: `use 127.0.0.1: ${fix}`,
      });
    }
  }

  // The slot as the SDKs will read it, with each token they may send; HEAD answers as GET does, without the credentials.
  const path = new URL(`${target.pathname}${target.search}`, base);
  const tokens: [string, string | undefined][] = [];
  if (fromFile?.token !== undefined) tokens.push([`the token in ${ctx.env[TOKEN_FILE]}`, fromFile.token]);
  if (ctx.env[TOKEN] !== undefined) tokens.push([TOKEN, ctx.env[TOKEN]]);
  if (tokens.length === 0) tokens.push(['no token', undefined]);
  for (const [what, token] of tokens) {
    const answer = await probe(path, { method: 'HEAD', ca: ctx.ca, headers: token === undefined ? {} : { authorization: token } });
    if ('error' in answer) continue;
    if (answer.status === 403) {
      findings.push(
        token === undefined
          ? { id: 'token-missing', problem: 'RoleTray requires a bearer token, and this environment gives none.', fix: `export ${TOKEN}="$(roletray auth --show)" (or set ${TOKEN_FILE} to RoleTray's token file)` }
          : { id: 'token-mismatch', problem: `${what} is not RoleTray's token: every request is refused (403).`, fix: `export ${TOKEN}="$(roletray auth --show)"` },
      );
    } else if (answer.status === 404) {
      findings.push({ id: 'slot-empty', problem: `${target.pathname === '/' ? 'The default slot' : `The slot at ${target.pathname}`} has no usable credentials: the SDKs get 404.`, fix: 'load a role into it (the window, the tray, or roletray load)' });
      break;
    }
  }
  if (fromFile && ctx.env[TOKEN] === undefined) {
    findings.push({ id: 'token-file-only', problem: `Only ${TOKEN_FILE} is set: the AWS CLI v2 and the Go SDKs read only ${TOKEN}, so they are refused.`, fix: `export ${TOKEN}="$(cat ${ctx.env[TOKEN_FILE]})"` });
  }
  return findings;
}
