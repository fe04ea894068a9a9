import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import { SCOPED_TTL_SECONDS } from '../server/bearer-token';
import { slotUrl } from '../server/env-lines';
import { CliError, usageError, type CliIo } from './io';
import { SLOT_HELP, SLOT_OPTIONS, slotCredentials, slotTarget } from './credential-process';
import { clientOf, type ServerClient } from './server-client';
import { ownerSlotRegion } from './slot-region';
import type { SsoCliDeps } from './sso-commands';
import { SSO_CLI } from './sso-deps';

export const HELP = `Usage: roletray exec [-p NAME | --slot NAME] -- COMMAND [ARG ...]

Runs COMMAND with the credentials of a slot: its environment points the AWS CLI and SDKs at the
running server (AWS_CONTAINER_CREDENTIALS_FULL_URI) and loses the AWS_* variables that would win
over it (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE,
AWS_CONTAINER_CREDENTIALS_RELATIVE_URI). COMMAND never sees your token: it gets a scoped one in
AWS_CONTAINER_AUTHORIZATION_TOKEN that reads this slot only, revoked when COMMAND ends (and
ROLETRAY_TOKEN is removed). A default region of the slot (roletray setup region) comes as
AWS_REGION and AWS_DEFAULT_REGION. Nothing else changes. The exit code is COMMAND's (128 + the signal's
number when a signal ended it); signals sent to roletray are passed on to it.

${SLOT_HELP}`;

/** Variables that would win over the container provider, or point it elsewhere. */
const SHADOWING = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];

export interface ExecTarget {
  /** The slot's URL on the server. */
  url: string;
  /** The scoped token for that slot, when the server requires a token. */
  token?: string;
  caFile?: string;
  /** The slot's default region (AWS_REGION, AWS_DEFAULT_REGION): the container protocol has none. */
  region?: string;
}

/** The child's environment: the parent's, pointed at the slot, with no token but the scoped one. */
export function execEnvironment(parent: NodeJS.ProcessEnv, target: ExecTarget): NodeJS.ProcessEnv {
  const env = { ...parent };
  for (const name of SHADOWING) delete env[name];
  env.AWS_CONTAINER_CREDENTIALS_FULL_URI = target.url;
  // The owner's token, in whatever form the parent has it, stays with the parent. Clients read a
  // token file before the variable, so no file is passed: it could only hold the owner's token.
  delete env.ROLETRAY_TOKEN;
  delete env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  delete env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
  if (target.token) env.AWS_CONTAINER_AUTHORIZATION_TOKEN = target.token;
  if (target.caFile) {
    env.AWS_CA_BUNDLE = target.caFile;
    env.NODE_EXTRA_CA_CERTS = target.caFile;
  }
  if (target.region) {
    env.AWS_REGION = target.region;
    env.AWS_DEFAULT_REGION = target.region;
  }
  return env;
}

/** Runs a command to its end and resolves with its exit code. */
export type ChildRunner = (command: string, args: string[], env: NodeJS.ProcessEnv) => Promise<number>;

// Not SIGUSR1: Node keeps it for its debugger.
const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];

/**
 * The real runner: this process's stdio, signals passed on while the child runs. (A terminal's
 * Ctrl-C reaches the child directly too; the child sees it at least once, as under a shell.)
 */
export const inheritStdio: ChildRunner = (command, args, env) =>
  new Promise((resolve, reject) => {
    // Listening before the spawn: a signal that comes the moment the command starts must not find
    // the default action (which ends this process and leaves the command running). A listener runs
    // on the event loop, so `child` is set by the time one does.
    let child: ReturnType<typeof spawn> | undefined;
    const forward = (signal: NodeJS.Signals) => void child?.kill(signal);
    const platformSignals = FORWARDED.filter((s) => process.platform !== 'win32' || s === 'SIGINT');
    for (const s of platformSignals) process.on(s, forward);
    child = spawn(command, args, { env, stdio: 'inherit' });
    const done = () => {
      for (const s of platformSignals) process.off(s, forward);
    };
    child.once('error', (err: NodeJS.ErrnoException) => {
      done();
      const why = err.code === 'ENOENT' ? 'command not found' : err.code === 'EACCES' ? 'permission denied' : err.message;
      // The shell's codes for "not found" and "cannot run".
      reject(new CliError(`cannot run "${command}": ${why}`, err.code === 'ENOENT' ? 127 : 126));
    });
    child.once('exit', (code, signal) => {
      done();
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });

interface Scoped {
  token: string;
  id: string;
  expiration: string;
}

/**
 * A read-only token for the slot, from the server's POST /token/scoped: what the command gets
 * instead of the owner's token. Undefined when the server requires no token (nothing to scope).
 */
async function scopedTokenFor(client: ServerClient, slot: string): Promise<Scoped | undefined> {
  // The slot was just read without a token, so the server requires none.
  if (client.token === undefined) return undefined;
  const answer = await client.request('POST', '/token/scoped', { slot, ttl: SCOPED_TTL_SECONDS.max });
  if (answer.status === 409) return undefined;
  if (answer.status === 404 || answer.status === 405) {
    throw new CliError(`the server at ${client.base.href} gives out no scoped tokens (an older RoleTray?), and exec does not hand a command your own token`);
  }
  const body = answer.body as Partial<Scoped> | null;
  if (answer.status !== 200 || typeof body?.token !== 'string' || typeof body.id !== 'string') {
    const message = (answer.body as { message?: unknown } | null)?.message;
    throw new CliError(`the server refused a scoped token for the command (${answer.status}${typeof message === 'string' ? `: ${message}` : ''})`);
  }
  return body as Scoped;
}

/** Ends the command's token now rather than at its expiry; a failure is told, not fatal (the command has run). */
async function revoke(client: ServerClient, scoped: Scoped, io: CliIo): Promise<void> {
  const answer = await client.request('DELETE', `/token/scoped/${encodeURIComponent(scoped.id)}`).catch((err: Error) => err);
  // 404: it is gone already (the owner's token changed meanwhile).
  if (answer instanceof Error || (answer.status !== 200 && answer.status !== 404)) {
    io.stderr(`roletray exec: the command's scoped token could not be revoked (${answer instanceof Error ? answer.message : `status ${answer.status}`}); it expires at ${scoped.expiration}\n`);
  }
}

export async function exec(argv: string[], io: CliIo, run: ChildRunner = inheritStdio, sso: SsoCliDeps = SSO_CLI): Promise<number> {
  const split = argv.indexOf('--');
  const { values, positionals } = parseArgs({ args: split < 0 ? argv : argv.slice(0, split), options: SLOT_OPTIONS, allowPositionals: true });
  if (values.help) return (io.stdout(HELP), 0);
  const command = split < 0 ? [] : argv.slice(split + 1);
  if (positionals.length > 0 || command.length === 0) throw usageError('give the command after --, e.g. roletray exec -p NAME -- aws sts get-caller-identity');
  const client = await clientOf(values, io);
  const target = slotTarget(values);
  // Fails here, with the reason, rather than later inside the command's AWS client.
  await slotCredentials(client, target, io, sso, values['config-dir']);
  const scoped = await scopedTokenFor(client, target.name);
  const region = values.server ? undefined : await ownerSlotRegion(values['config-dir'], io.env, target.name);
  const env = execEnvironment(io.env, { url: slotUrl(client.base.href, target.name || undefined), token: scoped?.token, caFile: client.caFile, ...(region ? { region } : {}) });
  try {
    return await run(command[0]!, command.slice(1), env);
  } finally {
    if (scoped) await revoke(client, scoped, io);
  }
}
