import { parseArgs } from 'node:util';
import { CliError, usageError, type CliIo } from './io';
import { clientOf, SERVER_HELP, SERVER_OPTIONS, type ServerClient } from './server-client';
import { ssoPutBody, type SsoCliDeps } from './sso-commands';
import { SSO_CLI } from './sso-deps';

/** The options of every command that works on one slot of a running server (credential-process, exec, console). */
export const SLOT_OPTIONS = {
  profile: { type: 'string', short: 'p' },
  slot: { type: 'string' },
  ...SERVER_OPTIONS,
  'config-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const SLOT_HELP = `  -p, --profile NAME  the slot NAME; when it is empty, the role NAME is loaded into it from
                      IAM Identity Center first (a name from \`roletray roles\` or ~/.aws/config)
  --slot NAME         the slot NAME, only as loaded
                      (with neither: the default slot)
${SERVER_HELP}  --config-dir D      where the IAM Identity Center session is kept (default: the platform's)
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
 * first loaded from IAM Identity Center, as `roletray load --slotted -p NAME` would.
 */
export async function slotCredentials(client: ServerClient, target: SlotTarget, io: CliIo, sso: SsoCliDeps, configDir?: string): Promise<SlotCredentials> {
  const path = slotPath(target.name);
  const first = await client.expect('GET', path, undefined, [200, 404]);
  if (first.status === 200) return asCredentials(first.body);
  if (!target.loadFromSso) {
    const how = target.name ? `roletray load --slot ${target.name} ..., or -p ${target.name} to load the role of that name` : 'roletray load ...';
    throw new CliError(`${slotLabel(target.name)} has no usable credentials (load them: ${how})`);
  }
  const body = await ssoPutBody({ profile: target.name }, io, sso, configDir);
  await client.expect('PUT', path, body);
  return asCredentials((await client.expect('GET', path)).body);
}

export async function credentialProcess(argv: string[], io: CliIo, sso: SsoCliDeps = SSO_CLI): Promise<number> {
  const { values } = parseArgs({ args: argv, options: SLOT_OPTIONS });
  if (values.help) return (io.stdout(HELP), 0);
  const creds = await slotCredentials(clientOf(values, io), slotTarget(values), io, sso, values['config-dir']);
  const { AccessKeyId, SecretAccessKey, Token, Expiration } = creds;
  io.stdout(`${JSON.stringify({ Version: 1, AccessKeyId, SecretAccessKey, SessionToken: Token, Expiration })}\n`);
  return 0;
}
