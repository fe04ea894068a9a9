import { parseArgs } from 'node:util';
import { regionProblem } from '../../common/sso-instance';
import { mfaSerialProblem } from '../../common/sts-rules';
import type { IamUserView } from '../../preload/api';
import { configDirFor } from '../config-dir';
import type { ControlClient } from '../control/control-client';
import { iamUserRows } from './derived-profiles';
import { keyInArguments, readAccessKey } from './iam-keys';
import { CliError, usageError, type CliIo } from './io';
import { answeringMfa } from './mfa-prompts';
import { must, requireOwner } from './owner';
import { formatTable } from './table';

export const IAM_HELP = `Usage: roletray iam add NAME [--mfa-serial ARN] [--region R]
       roletray iam list [--json]
       roletray iam rotate NAME [--json]
       roletray iam remove NAME

IAM users whose long-term access keys the running RoleTray keeps, in its secret store only
(never in ~/.aws/credentials). They are served only as temporary credentials: roletray load -p
NAME loads a session from sts:GetSessionToken (asking for an MFA code when the user has an MFA
device), and roles are assumed from them with roletray load --assume ROLE_ARN --via NAME.

  add NAME      keeps NAME's access key, read from standard input, never from arguments: on a
                terminal it asks for the access key ID and the secret access key (the secret is
                not echoed); piped, two lines (the id, then the secret) or the JSON of
                \`aws iam create-access-key\`:
                  aws iam create-access-key --user-name alice | roletray iam add alice
    --mfa-serial ARN   the user's MFA device (arn:aws:iam::123456789012:mfa/alice): its sessions
                       ask for a code, once per session; the session is kept, encrypted, while it lasts
    --region R         the region whose STS endpoint its sessions come from
  list          the IAM users: name, access key (its first and last 4 characters), MFA device,
                region, and how long the current session lasts
  rotate NAME   replaces NAME's access key with a new one, as aws-vault rotate does: IAM makes a
                new key (iam:CreateAccessKey), RoleTray checks it works and stores it in place of
                the old one, then deletes the old key (iam:DeleteAccessKey). With an MFA device it
                asks on this terminal for one code, for the user's session (none while one is
                cached), which makes the new key and deletes the old; the next load asks for a
                code for the new key's session. If anything fails before the new key is stored,
                the old key stays in use and the new one is deleted again
  remove NAME   forgets NAME, its access key and its session

  --config-dir D  the RoleTray to use: the app or \`roletray serve\` running for D (else
                  $ROLETRAY_CONFIG_DIR, else the platform's directory)
  --json          machine-readable output
`;

const COMMON = { 'config-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

const ownerFor = (configDir: string | undefined, io: CliIo) => requireOwner(configDirFor(configDir, io.env), '');

async function withOwner<T>(configDir: string | undefined, io: CliIo, work: (owner: ControlClient) => Promise<T>): Promise<T> {
  const owner = await ownerFor(configDir, io);
  try {
    return await work(owner);
  } finally {
    owner.close();
  }
}

const usersOf = async (owner: ControlClient): Promise<IamUserView[]> => (await must(owner, 'getState')).iamUsers;

async function add(argv: string[], io: CliIo): Promise<number> {
  // Before parsing: a key flag gets its own reason, not "unknown option".
  const leaked = keyInArguments(argv);
  if (leaked) throw usageError(leaked);
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...COMMON, 'mfa-serial': { type: 'string' }, region: { type: 'string' } } });
  if (values.help) return (io.stdout(IAM_HELP), 0);
  if (positionals.length === 0) throw usageError('which IAM user? give its NAME: roletray iam add NAME');
  if (positionals.length > 1) {
    throw usageError(`iam add takes one NAME, not ${positionals.length} words: the access key is read from standard input, never from arguments (aws iam create-access-key --user-name NAME | roletray iam add NAME)`);
  }
  const name = positionals[0]!;
  const serial = values['mfa-serial'];
  const serialProblem = serial === undefined ? undefined : mfaSerialProblem(serial);
  if (serialProblem) throw usageError(`--mfa-serial: ${serialProblem}`);
  const region = values.region;
  const badRegion = region === undefined ? undefined : regionProblem(region);
  if (badRegion) throw usageError(`--region: ${badRegion}, not "${region}"`);
  return withOwner(values['config-dir'], io, async (owner) => {
    // The owner is found before the person types a secret for nothing.
    const key = await readAccessKey(io);
    await must(owner, 'addIamUser', { name, ...key, ...(serial !== undefined ? { mfaSerial: serial } : {}), ...(region !== undefined ? { region } : {}) });
    const added = (await usersOf(owner)).find((u) => u.name === name);
    const hint = added?.accessKeyHint ?? '';
    if (values.json) io.stdout(`${JSON.stringify({ name, accessKeyHint: hint })}\n`);
    else io.stdout(`Added IAM user ${name} (${hint}): roletray load -p ${name} loads its session; roletray load --assume ROLE_ARN --via ${name} assumes a role from it.\n`);
    return 0;
  });
}

async function list(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: COMMON });
  if (values.help) return (io.stdout(IAM_HELP), 0);
  const users = await withOwner(values['config-dir'], io, usersOf);
  if (values.json) {
    io.stdout(`${JSON.stringify(users)}\n`);
    return 0;
  }
  if (users.length === 0) {
    io.stdout('No IAM users (add one: roletray iam add NAME).\n');
    return 0;
  }
  io.stdout(formatTable(iamUserRows(users, Date.now())));
  return 0;
}

async function remove(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: COMMON });
  if (values.help) return (io.stdout(IAM_HELP), 0);
  if (positionals.length !== 1) throw usageError('which IAM user? give one NAME: roletray iam remove NAME');
  const name = positionals[0]!;
  await withOwner(values['config-dir'], io, async (owner) => {
    if (!(await usersOf(owner)).some((u) => u.name === name)) throw new CliError(`no IAM user named "${name}" (see roletray iam list)`);
    await must(owner, 'removeIamUser', name);
  });
  io.stdout(values.json ? `${JSON.stringify({ removed: name })}\n` : `Removed IAM user ${name} and its keys.\n`);
  return 0;
}

async function rotate(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: COMMON });
  if (values.help) return (io.stdout(IAM_HELP), 0);
  if (positionals.length !== 1) throw usageError('which IAM user? give one NAME: roletray iam rotate NAME');
  const name = positionals[0]!;
  const rotated = await withOwner(values['config-dir'], io, async (owner) => {
    if (!(await usersOf(owner)).some((u) => u.name === name)) throw new CliError(`no IAM user named "${name}" (see roletray iam list)`);
    // The codes are asked for here, on this terminal, as a load asks for them.
    return answeringMfa(owner, io, [name], () => must(owner, 'rotateIamUser', name));
  });
  io.stdout(values.json ? `${JSON.stringify(rotated)}\n` : `Rotated ${name}'s access key: ${rotated.accessKeyHint} replaces ${rotated.replacedKeyHint} (deleted).\n`);
  return 0;
}

const SUBCOMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = { add, list, rotate, remove };

/** `roletray iam add | list | rotate | remove`. */
export async function iam(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') return (io.stdout(IAM_HELP), 0);
  if (sub === undefined) return (io.stderr(IAM_HELP), 2);
  const handler = SUBCOMMANDS[sub];
  if (!handler) throw usageError(`unknown iam command "${sub}": add, list, rotate or remove`);
  return handler(rest, io);
}
