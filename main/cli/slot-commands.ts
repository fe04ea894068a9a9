import { parseArgs } from 'node:util';
import { parseLoadBody } from '../credentials/put-body';
import type { SlotSummary } from '../credentials/slots';
import { CliError, usageError, type CliIo } from './io';
import { buildPutBody } from './load-source';
import { SSO_CLI } from './sso-deps';
import { clientOf, SERVER_HELP, SERVER_OPTIONS } from './server-client';

const CLIENT_OPTIONS = {
  ...SERVER_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const CLIENT_HELP = `${SERVER_HELP}  --json              machine-readable output
`;

export const HELP = {
  list: `Usage: roletray list [--json]\n\nLists the default slot and every named slot of a running server.\n\n${CLIENT_HELP}`,
  profile: `Usage: roletray profile [--slot NAME] [--json]\n\nPrints the profile name in the default slot (or the named slot).\n\n${CLIENT_HELP}`,
  load: `Usage: roletray load [--creds-file F|-] [--profile|-p NAME] [--account|-A ID --role|-R NAME | --arn|-a ARN]
                     [--slotted | --slot NAME]

Loads role credentials into a running server: the default slot, the slot named by the profile
(--slotted) or the slot NAME (--slot). Credentials come from --creds-file (the PUT body shape,
- for stdin); else from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and
AWS_CREDENTIAL_EXPIRATION (e.g. from \`aws configure export-credentials --format env\`);
else from IAM Identity Center (after \`roletray login\`): the role named by --profile (a name
from \`roletray roles\` or ~/.aws/config), --account + --role, or --arn.

  --config-dir D      where the IAM Identity Center session is kept (default: the platform's)

${CLIENT_HELP}`,
  unload: `Usage: roletray unload [--slotted --profile|-p NAME ... | --slot NAME ... | --all]

Unloads the default slot; the named slots given (--slot NAME, or --slotted with -p NAME); or,
with --all, every slot.

${CLIENT_HELP}`,
};


const slotPath = (name: string) => `/slot/${encodeURIComponent(name)}`;

export async function list(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: CLIENT_OPTIONS });
  if (values.help) return (io.stdout(HELP.list), 0);
  const client = clientOf(values, io);
  const def = await client.expect('GET', '/profile', undefined, [200, 404]);
  const named = await client.expect('GET', '/slot');
  const defaultSlot = def.status === 200 ? (def.body as SlotSummary) : null;
  const slots = named.body as SlotSummary[];
  if (values.json) {
    io.stdout(`${JSON.stringify({ default: defaultSlot, slots })}\n`);
    return 0;
  }
  const rows = [
    ['SLOT', 'PROFILE', 'ACCOUNT', 'ROLE', 'EXPIRES'],
    ...(defaultSlot ? [['(default)', defaultSlot.ProfileName, defaultSlot.AccountId, defaultSlot.RoleName, defaultSlot.Expires]] : []),
    ...slots.map((s) => [s.ProfileName, s.ProfileName, s.AccountId, s.RoleName, s.Expires]),
  ];
  if (rows.length === 1) {
    io.stdout('No credentials loaded.\n');
    return 0;
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  io.stdout(rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n');
  return 0;
}

export async function profile(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...CLIENT_OPTIONS, slot: { type: 'string' } } });
  if (values.help) return (io.stdout(HELP.profile), 0);
  const client = clientOf(values, io);
  let summary: SlotSummary | undefined;
  if (values.slot === undefined) {
    const answer = await client.expect('GET', '/profile', undefined, [200, 404]);
    if (answer.status === 200) summary = answer.body as SlotSummary;
  } else {
    const answer = await client.expect('GET', '/slot');
    summary = (answer.body as SlotSummary[]).find((s) => s.ProfileName === values.slot);
  }
  if (!summary) throw new CliError(values.slot === undefined ? 'no credentials loaded in the default slot' : `no slot named "${values.slot}"`);
  io.stdout(values.json ? `${JSON.stringify(summary)}\n` : `${summary.ProfileName}\n`);
  return 0;
}

export async function load(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...CLIENT_OPTIONS,
      'creds-file': { type: 'string' },
      profile: { type: 'string', short: 'p' },
      account: { type: 'string', short: 'A' },
      role: { type: 'string', short: 'R' },
      arn: { type: 'string', short: 'a' },
      slotted: { type: 'boolean' },
      slot: { type: 'string' },
      'config-dir': { type: 'string' },
    },
  });
  if (values.help) return (io.stdout(HELP.load), 0);
  if (values.slotted && values.slot !== undefined) throw usageError('--slotted and --slot exclude each other');
  const flags = { credsFile: values['creds-file'], profile: values.profile, account: values.account, role: values.role, arn: values.arn };
  // Without a credentials file or AWS_* keys, the role comes from IAM Identity Center.
  const fromSso = !flags.credsFile && !io.env.AWS_ACCESS_KEY_ID;
  const body = fromSso
    ? await (await import('./sso-commands')).ssoPutBody(flags, io, SSO_CLI, values['config-dir'])
    : await buildPutBody(flags, io.env, io.readStdin);
  // A named slot's profile name is the slot's name on the wire: --slot renames.
  if (values.slot !== undefined) delete body.ProfileName;
  const slot = values.slot ?? (values.slotted ? (body.ProfileName ?? `${body.Creds.accountId}:${body.Creds.roleName}`) : '');
  // Check here first so mistakes are named before anything is sent.
  const parsed = parseLoadBody(body, slot, Date.now());
  if (!parsed.ok) throw new CliError(parsed.error);
  const client = clientOf(values, io);
  await client.expect('PUT', slot ? slotPath(slot) : '/', body);
  const where = slot ? `slot "${slot}"` : 'the default slot';
  if (values.json) io.stdout(`${JSON.stringify({ slot, profile: parsed.value.profileName })}\n`);
  else io.stdout(`Loaded ${parsed.value.profileName} into ${where}.\n`);
  return 0;
}

export async function unload(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...CLIENT_OPTIONS,
      profile: { type: 'string', short: 'p', multiple: true },
      slotted: { type: 'boolean' },
      slot: { type: 'string', multiple: true },
      all: { type: 'boolean' },
    },
  });
  if (values.help) return (io.stdout(HELP.unload), 0);
  const profiles = values.profile ?? [];
  if (profiles.length > 0 && !values.slotted) throw usageError('--profile names a slot only with --slotted');
  const names = [...(values.slot ?? []), ...profiles];
  if (values.all && names.length > 0) throw usageError('--all unloads every slot; do not name slots with it');
  const client = clientOf(values, io);
  if (values.all) {
    await client.expect('DELETE', '/slot');
    await client.expect('DELETE', '/');
    io.stdout('Unloaded every slot.\n');
    return 0;
  }
  if (names.length === 0) {
    await client.expect('DELETE', '/');
    io.stdout('Unloaded the default slot.\n');
    return 0;
  }
  for (const name of names) {
    await client.expect('DELETE', slotPath(name));
    io.stdout(`Unloaded slot "${name}".\n`);
  }
  return 0;
}
