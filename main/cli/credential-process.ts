import { parseArgs } from 'node:util';
import { CliError, usageError, type CliIo } from './io';
import { ownerLoad } from './owner-roles';
import { clientOf, SERVER_HELP, SERVER_OPTIONS, type ServerClient } from './server-client';
import { ssoPutBody, type SsoCliDeps } from './sso-commands';
import { SSO_CLI } from './sso-deps';

/** The options of every command that works on one slot of a running server (credential-process, exec, console). */
export const SLOT_OPTIONS = {
  profile: { type: 'string', short: 'p' },
  slot: { type: 'string' },
  ...SERVER_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const SLOT_HELP = `  -p, --profile NAME  the slot NAME; when it is empty, NAME is loaded into it first: a role
                      from IAM Identity Center (a name from \`roletray roles\` or ~/.aws/config),
                      a chained profile or an IAM user
  --slot NAME         the slot NAME, only as loaded
                      (with neither: the default slot)
${SERVER_HELP}  --json              errors as {"error": "..."} on stderr
`;

export const HELP = `Usage: roletray credential-process [-p NAME | --slot NAME]

Prints the credentials of a slot of the running server as the JSON that the AWS CLI and SDKs
read from a \`credential_process\` command. In ~/.aws/config:

  [profile NAME]
  credential_process = roletray credential-process -p NAME

${SLOT_HELP}`;

type SlotValues = { profile?: string; slot?: string; server?: string; 'token-file'?: string; 'ca-file'?: string; 'config-dir'?: string };

/** Which slot a command works on: '' is the default slot; `loadFromSso` for -p NAME. */
export interface SlotTarget {
  name: string;
  loadFromSso: boolean;
}

export function slotTarget(values: SlotValues): SlotTarget {
  if (values.profile !== undefined && values.slot !== undefined) throw usageError('-p/--profile and --slot exclude each other');
  if (values.profile !== undefined) return { name: values.profile, loadFromSso: true };
  return { name: values.slot ?? '', loadFromSso: false };
}

/** The container-credentials answer of a slot. */
export interface SlotCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  Expiration: string;
  RoleArn?: string;
}

export const slotPath = (name: string) => (name ? `/slot/${encodeURIComponent(name)}` : '/');
const slotLabel = (name: string) => (name ? `slot "${name}"` : 'the default slot');

function asCredentials(body: unknown): SlotCredentials {
  const c = body as Partial<SlotCredentials> | null;
  if (!c || ![c.AccessKeyId, c.SecretAccessKey, c.Token, c.Expiration].every((v) => typeof v === 'string' && v !== '')) {
    throw new CliError('the server answered without AccessKeyId, SecretAccessKey, Token and Expiration');
  }
  return c as SlotCredentials;
}

/**
 * The slot's credentials from the running server. With -p NAME, an empty (or expired) slot is
 * first loaded, as `roletray load --slotted -p NAME` would: by the owner, which then keeps it
 * fresh (a chained profile or an IAM user too), or for another server (--server) here, from IAM
 * Identity Center, and PUT there.
 */
export async function slotCredentials(client: ServerClient, target: SlotTarget, io: CliIo, sso: SsoCliDeps, configDir?: string): Promise<SlotCredentials> {
  try {
    const path = slotPath(target.name);
    const first = await client.expect('GET', path, undefined, [200, 404]);
    if (first.status === 200) return asCredentials(first.body);
    if (!target.loadFromSso) {
      const how = target.name ? `roletray load --slot ${target.name} ..., or -p ${target.name} to load the role of that name` : 'roletray load ...';
      throw new CliError(`${slotLabel(target.name)} has no usable credentials (load them: ${how})`);
    }
    if (client.owner) {
      await ownerLoad(client.owner, { profile: target.name }, io, { slot: target.name });
    } else {
      await client.expect('PUT', path, await ssoPutBody({ profile: target.name }, io, sso, configDir));
    }
    return asCredentials((await client.expect('GET', path)).body);
  } finally {
    // The command goes on (exec's child, the browser) with the credentials alone.
    client.owner?.close();
  }
}

export async function credentialProcess(argv: string[], io: CliIo, sso: SsoCliDeps = SSO_CLI): Promise<number> {
  const { values } = parseArgs({ args: argv, options: SLOT_OPTIONS });
  if (values.help) return (io.stdout(HELP), 0);
  const creds = await slotCredentials(await clientOf(values, io), slotTarget(values), io, sso, values['config-dir']);
  const { AccessKeyId, SecretAccessKey, Token, Expiration } = creds;
  io.stdout(`${JSON.stringify({ Version: 1, AccessKeyId, SecretAccessKey, SessionToken: Token, Expiration })}\n`);
  return 0;
}
