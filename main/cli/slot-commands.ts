import { parseArgs } from 'node:util';
import { formatExpires } from '../../common/time-format';
import type { SlotSourceKind, SlotView } from '../../preload/api';
import { parseLoadBody } from '../credentials/put-body';
import type { SlotSummary } from '../credentials/slots';
import { CliError, usageError, type CliIo } from './io';
import { buildPutBody, roleFromFlags } from './load-source';
import { must } from './owner';
import { ASSUME_HELP, ASSUME_OPTIONS, assumeDefinition, wantsAssume, type AssumeValues } from './assume-flags';
import { answeringMfa } from './mfa-prompts';
import { ownerLoad } from './owner-roles';
import { SSO_CLI } from './sso-deps';
import { formatTable } from './table';
import { clientOf, SERVER_HELP, SERVER_OPTIONS, type ServerClient } from './server-client';

const CLIENT_OPTIONS = {
  ...SERVER_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const CLIENT_HELP = `${SERVER_HELP}  --json              machine-readable output
`;

export const HELP = {
  list: `Usage: roletray list [--json]

Lists the default slot and every named slot of the running RoleTray. When a slot is derived
through STS (a chained role, an IAM user's session), a SOURCE column says where each one's
credentials come from (sso, pushed, assumed or iam-user), and a derived slot's chain from its
root follows it. With --json every slot has "Source", a derived one "Chain". Another server
(--server) says neither.

${CLIENT_HELP}`,
  profile: `Usage: roletray profile [--slot NAME] [--json]\n\nPrints the profile name in the default slot (or the named slot).\n\n${CLIENT_HELP}`,
  load: `Usage: roletray load [--profile|-p NAME] [--account|-A ID --role|-R NAME | --arn|-a ARN]
                     [--creds-file F|- | --from-env] [--slotted | --slot NAME]
       roletray load --assume ROLE_ARN --via PROFILE [--external-id ID] [--session-name N]
                     [--duration SECONDS] [--mfa-serial ARN] [--source-identity S] [--region R]
                     [-p NAME] [--save] [--slotted | --slot NAME]

Loads role credentials into the running RoleTray: the default slot, the slot named by the
profile (--slotted) or the slot NAME (--slot, keeping the profile name).

From IAM Identity Center (after \`roletray login\`): the role named by --profile (a name from
\`roletray roles\` or ~/.aws/config), --account + --role, or --arn. Or, with --profile, a profile
RoleTray derives through STS: a chained profile (one saved with --save, or an ~/.aws/config
profile with role_arn and source_profile, walked hop by hop) or an IAM user (roletray iam add).
Or a role assumed from another with --assume. RoleTray refreshes all of these before they
expire, through their source. When a step needs an MFA code, it is asked here on a terminal
(Ctrl-C cancels the load), else in the RoleTray window; mfa_process in ~/.aws/config answers
it with a program's output.

${ASSUME_HELP}
Or they are pushed, served until they expire: --creds-file (the PUT body shape, - for stdin),
or --from-env: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and
AWS_CREDENTIAL_EXPIRATION (e.g. from \`aws configure export-credentials --format env\`),
labelled with --account + --role or --arn. AWS_* variables are never read without --from-env.

${CLIENT_HELP}`,
  unload: `Usage: roletray unload [--slotted --profile|-p NAME ... | --slot NAME ... | --all]

Unloads the default slot; the named slots given (--slot NAME, or --slotted with -p NAME); or,
with --all, every slot. A slot that is already empty is said to be, and is no failure.

${CLIENT_HELP}`,
};


const slotPath = (name: string) => `/slot/${encodeURIComponent(name)}`;
const whereLabel = (slot: string) => (slot ? `slot "${slot}"` : 'the default slot');

/**
 * A slot as `GET /profile` and `GET /slot` describe it, with the slot's own name (the HTTP summary
 * has none) and, from the owner, where its credentials come from: the source, and for a derived
 * slot each step from its root.
 */
type Listed = SlotSummary & { Slot: string; Source?: SlotSourceKind; Chain?: string[] };

function summaryOf(slot: SlotView, now: number): Listed {
  return {
    Slot: slot.name,
    ProfileName: slot.profileName,
    AccountId: slot.accountId,
    RoleName: slot.roleName,
    Expiration: Math.floor(slot.expiresAt / 1000),
    Expires: formatExpires(slot.expiresAt - now),
    Source: slot.source,
    ...(slot.chain ? { Chain: slot.chain } : {}),
  };
}

/** The default slot and the named ones: from the owner's state, or from another server's /profile and /slot. */
async function listed(client: ServerClient): Promise<{ default: Listed | null; slots: Listed[] }> {
  if (client.owner) {
    const now = Date.now();
    const slots = (await must(client.owner, 'getState')).slots.map((s) => summaryOf(s, now));
    return { default: slots.find((s) => s.Slot === '') ?? null, slots: slots.filter((s) => s.Slot !== '') };
  }
  const def = await client.expect('GET', '/profile', undefined, [200, 404]);
  const named = await client.expect('GET', '/slot');
  // Over HTTP a named slot's profile name is its name.
  return { default: def.status === 200 ? { ...(def.body as SlotSummary), Slot: '' } : null, slots: (named.body as SlotSummary[]).map((s) => ({ ...s, Slot: s.ProfileName })) };
}

export async function list(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: CLIENT_OPTIONS });
  if (values.help) return (io.stdout(HELP.list), 0);
  const client = await clientOf(values, io);
  const { default: defaultSlot, slots } = await listed(client).finally(() => client.owner?.close());
  if (values.json) {
    io.stdout(`${JSON.stringify({ default: defaultSlot, slots })}\n`);
    return 0;
  }
  const all = [...(defaultSlot ? [defaultSlot] : []), ...slots];
  if (all.length === 0) {
    io.stdout('No credentials loaded.\n');
    return 0;
  }
  // Where a slot is derived through STS, every slot says where its credentials come from; lists of
  // IAM Identity Center and pushed slots alone look as they always did (another server never says).
  const sourced = all.some((s) => s.Source === 'assumed' || s.Source === 'iam-user');
  const header = ['SLOT', 'PROFILE', 'ACCOUNT', 'ROLE', ...(sourced ? ['SOURCE'] : []), 'EXPIRES'];
  const cells = (s: Listed) => [s.Slot || '(default)', s.ProfileName, s.AccountId, s.RoleName, ...(sourced ? [s.Source ?? ''] : []), s.Expires];
  const [head, ...lines] = formatTable([header, ...all.map(cells)]).trimEnd().split('\n');
  const withChains = lines.flatMap((line, i) => {
    const chain = all[i]!.Chain;
    return chain && chain.length > 0 ? [line, `  ↳ ${chain.join(' → ')}`] : [line];
  });
  io.stdout(`${[head, ...withChains].join('\n')}\n`);
  return 0;
}

export async function profile(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...CLIENT_OPTIONS, slot: { type: 'string' } } });
  if (values.help) return (io.stdout(HELP.profile), 0);
  const client = await clientOf(values, io);
  const all = await listed(client).finally(() => client.owner?.close());
  const summary = values.slot === undefined ? all.default : all.slots.find((s) => s.Slot === values.slot);
  if (!summary) throw new CliError(values.slot === undefined ? 'no credentials loaded in the default slot' : `no slot named "${values.slot}"`);
  const { Slot: _slot, ...described } = summary;
  io.stdout(values.json ? `${JSON.stringify(described)}\n` : `${summary.ProfileName}\n`);
  return 0;
}

export async function load(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...CLIENT_OPTIONS,
      'creds-file': { type: 'string' },
      'from-env': { type: 'boolean' },
      profile: { type: 'string', short: 'p' },
      account: { type: 'string', short: 'A' },
      role: { type: 'string', short: 'R' },
      arn: { type: 'string', short: 'a' },
      slotted: { type: 'boolean' },
      slot: { type: 'string' },
      ...ASSUME_OPTIONS,
    },
  });
  if (values.help) return (io.stdout(HELP.load), 0);
  if (values.slotted && values.slot !== undefined) throw usageError('--slotted and --slot exclude each other');
  if (values['from-env'] && values['creds-file'] !== undefined) throw usageError('--creds-file and --from-env exclude each other');
  if (wantsAssume(values)) return loadAssumed(values, io);
  const flags = { credsFile: values['creds-file'], fromEnv: values['from-env'], profile: values.profile, account: values.account, role: values.role, arn: values.arn };
  // Pushed only when asked for: -p, -A/-R and --arn always mean IAM Identity Center, whatever AWS_* says.
  const pushed = flags.credsFile !== undefined || flags.fromEnv === true;
  const named = [flags.profile, flags.account, flags.role, flags.arn, io.env.AWS_SSO_ROLE_ARN, io.env.AWS_SSO_ACCOUNT_ID].some((v) => v !== undefined);
  if (!pushed && !named) throw usageError('which role? give --profile NAME, --account ID --role NAME, or --arn ARN (or pushed credentials: --creds-file F, --from-env)');
  // Mistyped ids are named before anything is asked of a server or of AWS.
  roleFromFlags(flags, io.env);
  const client = await clientOf(values, io);
  try {
    const done = client.owner
      ? await loadThroughOwner(client, values, flags, pushed, io)
      : await loadOverHttp(client, values, flags, pushed, io);
    if (values.json) io.stdout(`${JSON.stringify(done)}\n`);
    else io.stdout(`Loaded ${done.profile} into ${whereLabel(done.slot)}.\n`);
    return 0;
  } finally {
    client.owner?.close();
  }
}

type LoadValues = { slot?: string; slotted?: boolean; 'config-dir'?: string };
type Flags = Parameters<typeof buildPutBody>[0];

/** The owner loads it: a role from IAM Identity Center (which the owner then keeps fresh), or pushed credentials. */
async function loadThroughOwner(client: ServerClient, values: LoadValues, flags: Flags, pushed: boolean, io: CliIo): Promise<{ slot: string; profile: string }> {
  const owner = client.owner!;
  if (pushed) {
    const body = await buildPutBody(flags, io.env, io.readStdin);
    const slot = values.slot ?? (values.slotted ? (body.ProfileName ?? `${body.Creds.accountId}:${body.Creds.roleName}`) : '');
    const loaded = await must(owner, 'loadCredentials', { slot, body });
    return { slot: loaded.slot, profile: loaded.profileName };
  }
  const loaded = await ownerLoad(owner, flags, io, slotTarget(values));
  return { slot: loaded.slot, profile: loaded.profileName };
}

const slotTarget = (values: LoadValues): { slot?: string; slotted?: boolean } => (values.slot !== undefined ? { slot: values.slot } : values.slotted ? { slotted: true } : {});

type AssumeLoadValues = AssumeValues & LoadValues & { server?: string; 'token-file'?: string; 'ca-file'?: string; json?: boolean; 'creds-file'?: string; 'from-env'?: boolean; account?: string; role?: string; arn?: string };

/** `load --assume ROLE_ARN --via PROFILE`: the owner assumes the role with the source's credentials, and keeps it fresh through it. */
async function loadAssumed(values: AssumeLoadValues, io: CliIo): Promise<number> {
  const other = (['creds-file', 'from-env', 'account', 'role', 'arn'] as const).find((flag) => values[flag] !== undefined);
  if (other !== undefined) throw usageError(`--assume and --${other} exclude each other: the role is the ARN, its source --via`);
  if (values.server !== undefined) throw usageError('--assume is loaded by the RoleTray that keeps it fresh through its source: it cannot go to another server (--server)');
  // Checked before anything is asked of the owner; the one-hour cap of a role's own source once the owner says what the source is.
  assumeDefinition(values, false);
  const client = await clientOf(values, io);
  const owner = client.owner!;
  try {
    const state = await must(owner, 'getState');
    const definition = assumeDefinition(values, !state.iamUsers.some((u) => u.name === values.via));
    const loaded = await answeringMfa(owner, io, [definition.profileName, definition.via], () =>
      must(owner, 'loadAssumed', { definition, ...slotTarget(values), ...(values.save ? { save: true } : {}) }),
    );
    if (values.json) io.stdout(`${JSON.stringify({ slot: loaded.slot, profile: loaded.profileName, saved: values.save === true })}\n`);
    else {
      io.stdout(`Loaded ${loaded.profileName} into ${whereLabel(loaded.slot)}.\n`);
      if (values.save) io.stdout(`Saved ${loaded.profileName} as a chained profile: roletray load -p ${loaded.profileName} loads it again.\n`);
    }
    return 0;
  } finally {
    owner.close();
  }
}

/** Another server: the credentials are fetched here (from IAM Identity Center, with this directory's session) and PUT there. */
async function loadOverHttp(client: ServerClient, values: LoadValues, flags: Flags, pushed: boolean, io: CliIo): Promise<{ slot: string; profile: string }> {
  const body = pushed ? await buildPutBody(flags, io.env, io.readStdin) : await (await import('./sso-commands')).ssoPutBody(flags, io, SSO_CLI, values['config-dir']);
  if (values.slot !== undefined && body.ProfileName !== undefined && body.ProfileName !== values.slot) {
    throw usageError(`over --server a named slot's profile name is the slot's name, so --slot ${values.slot} cannot keep the profile name "${body.ProfileName}": use --slotted to load it into slot "${body.ProfileName}"`);
  }
  const slot = values.slot ?? (values.slotted ? (body.ProfileName ?? `${body.Creds.accountId}:${body.Creds.roleName}`) : '');
  // Checked here first, so mistakes are named before anything is sent.
  const parsed = parseLoadBody(body, slot, Date.now());
  if (!parsed.ok) throw new CliError(parsed.error);
  await client.expect('PUT', slot ? slotPath(slot) : '/', body);
  return { slot, profile: parsed.value.profileName };
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
  const client = await clientOf(values, io);
  try {
    const before = await listed(client);
    const loaded = new Set([...(before.default ? [''] : []), ...before.slots.map((s) => s.Slot)]);
    const wanted = values.all ? [...loaded] : names.length === 0 ? [''] : names;
    if (values.all) {
      if (client.owner) await must(client.owner, 'unloadAll');
      else {
        await client.expect('DELETE', '/slot');
        await client.expect('DELETE', '/');
      }
    } else {
      for (const name of wanted) {
        if (client.owner) await must(client.owner, 'unload', name);
        // Over HTTP a named slot that is empty answers 404: it is as empty as it should be.
        else await client.expect('DELETE', name ? slotPath(name) : '/', undefined, name ? [200, 404] : [200]);
      }
    }
    const unloaded = wanted.filter((n) => loaded.has(n));
    const empty = wanted.filter((n) => !loaded.has(n));
    if (values.json) io.stdout(`${JSON.stringify({ unloaded, alreadyEmpty: empty })}\n`);
    else if (values.all) io.stdout(unloaded.length ? 'Unloaded every slot.\n' : 'Every slot was already empty.\n');
    else {
      for (const name of wanted) {
        const where = whereLabel(name);
        io.stdout(loaded.has(name) ? `Unloaded ${where}.\n` : `${where[0]!.toUpperCase()}${where.slice(1)} was already empty.\n`);
      }
    }
    return 0;
  } finally {
    client.owner?.close();
  }
}
