import { isAccountId } from '../../common/role-key';
import { parseRoleName } from '../credentials/put-body';
import { CliError, readTextFile, usageError } from './io';
import { expandPath } from './paths';

export interface LoadFlags {
  credsFile?: string;
  /** Load the AWS_* variables: never implied. */
  fromEnv?: boolean;
  profile?: string;
  account?: string;
  role?: string;
  arn?: string;
}

/** What the PUT body is built from: file/stdin in the PUT shape, else the standard AWS_* variables. */
export interface PutBody {
  ProfileName?: string;
  Creds: Record<string, unknown>;
}

const ARN = /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):(?:role|assumed-role)\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+?)(?:\/[^/]*)?$/;

/** Account id and role name from `--arn`, `--account` + `--role`, or the aws-sso style variables. */
export function roleFromFlags(flags: LoadFlags, env: NodeJS.ProcessEnv): { accountId?: string; roleName?: string } {
  const arn = flags.arn ?? env.AWS_SSO_ROLE_ARN;
  if (arn) {
    const m = ARN.exec(arn);
    if (!m) throw usageError(`--arn must be a role ARN like arn:aws:iam::123456789012:role/Name, not "${arn}"`);
    return { accountId: m[1], roleName: m[2] };
  }
  const account = flags.account ?? env.AWS_SSO_ACCOUNT_ID;
  const role = flags.role ?? env.AWS_SSO_ROLE_NAME;
  if ((account === undefined) !== (role === undefined)) throw usageError('--account and --role go together');
  if (account === undefined || role === undefined) return {};
  // Checked before anything asks AWS: an id that lost a digit would otherwise come back as "No access".
  const accountFlag = flags.account !== undefined ? '--account' : 'AWS_SSO_ACCOUNT_ID';
  if (!isAccountId(account.trim())) throw usageError(`${accountFlag} must be a 12-digit AWS account id, not "${account}"`);
  const r = parseRoleName(role, flags.role !== undefined ? '--role' : 'AWS_SSO_ROLE_NAME');
  if (!r.ok) throw usageError(r.error);
  return { accountId: account.trim(), roleName: r.value };
}

function fromEnvironment(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new CliError('--from-env loads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION, and AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY is not set');
  }
  if (!env.AWS_SESSION_TOKEN) throw new CliError('AWS_SESSION_TOKEN is not set: RoleTray serves temporary role credentials only');
  const expiry = env.AWS_CREDENTIAL_EXPIRATION;
  const expiration = expiry ? Date.parse(expiry) : NaN;
  if (!expiry) throw new CliError('AWS_CREDENTIAL_EXPIRATION is not set: RoleTray needs to know when the credentials expire');
  if (Number.isNaN(expiration)) throw new CliError(`AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time: "${expiry}"`);
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN, expiration };
}

function parseFileBody(text: string, source: string): PutBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${source} is not valid JSON`);
  }
  const body = parsed as PutBody;
  if (typeof parsed !== 'object' || parsed === null || typeof body.Creds !== 'object' || body.Creds === null) {
    throw new CliError(`${source} must hold {"ProfileName": ..., "Creds": {...}} (the PUT shape)`);
  }
  return body;
}

/** The PUT body for `roletray load --creds-file` or `--from-env`, flags overriding what the file or environment says. */
export async function buildPutBody(flags: LoadFlags, env: NodeJS.ProcessEnv, readStdin: () => Promise<string>): Promise<PutBody> {
  let body: PutBody;
  if (flags.credsFile === '-') body = parseFileBody(await readStdin(), 'standard input');
  else if (flags.credsFile !== undefined) body = parseFileBody(readTextFile(expandPath('--creds-file', flags.credsFile, env), 'credentials file'), flags.credsFile);
  else body = { Creds: fromEnvironment(env) };

  const role = roleFromFlags(flags, env);
  const creds = { ...body.Creds, ...(role.accountId ? role : {}) };
  if (creds.accountId === undefined || creds.roleName === undefined) {
    throw usageError('which role are these credentials for? give --account ID --role NAME, or --arn ARN');
  }
  return { ...body, ...(flags.profile ? { ProfileName: flags.profile } : {}), Creds: creds };
}
