import { DEFAULT_PROFILE_FORMAT, formatProfileName } from '../../common/profile-names';
import { regionProblem } from '../../common/sso-instance';
import {
  durationProblem,
  externalIdProblem,
  mfaSerialProblem,
  parseRoleArn,
  roleArnProblem,
  roleSessionNameProblem,
  sourceIdentityProblem,
} from '../../common/sts-rules';
import type { AssumeRoleDefinition } from '../../preload/api';
import { usageError } from './io';

/** `roletray load`'s flags for a role assumed through STS, as parseArgs gives them. */
export interface AssumeValues {
  assume?: string;
  via?: string;
  'external-id'?: string;
  'session-name'?: string;
  duration?: string;
  'mfa-serial'?: string;
  'source-identity'?: string;
  region?: string;
  save?: boolean;
  profile?: string;
}

export const ASSUME_OPTIONS = {
  assume: { type: 'string' },
  via: { type: 'string' },
  'external-id': { type: 'string' },
  'session-name': { type: 'string' },
  duration: { type: 'string' },
  'mfa-serial': { type: 'string' },
  'source-identity': { type: 'string' },
  region: { type: 'string' },
  save: { type: 'boolean' },
} as const;

/** The flags that mean nothing without --assume. */
const WITH_ASSUME = ['via', 'external-id', 'session-name', 'duration', 'mfa-serial', 'source-identity', 'region', 'save'] as const;

export const ASSUME_HELP = `  --assume ROLE_ARN   assume this role (sts:AssumeRole) with the credentials of --via; RoleTray keeps
                      it fresh through its source. The AWS CLI's names, as flags:
    --via PROFILE       the source (source_profile): a role from roletray roles, a chained profile
                        or an IAM user (roletray iam list)
    --external-id ID    external_id, when the role's trust policy asks for one (2-1224 characters)
    --session-name N    role_session_name (2-64 of letters, digits and _+=,.@-)
    --duration SECONDS  duration_seconds, 900-43200 (at most 3600 when the source is itself a role:
                        AWS caps chained sessions at an hour)
    --mfa-serial ARN    mfa_serial: the MFA device whose code the role asks for
    --source-identity S source_identity (2-64 of letters, digits and _+=,.@-)
    --region R          the STS region (else the source's)
    -p NAME             the profile name to load it as (else ACCOUNT:ROLE from the ARN)
    --save              also keep it as a RoleTray chained profile: later, roletray load -p NAME
`;

/** Whether the flags ask for an assumed role; a flag of --assume given without it is a usage error. */
export function wantsAssume(values: AssumeValues): boolean {
  if (values.assume !== undefined) {
    if (values.via === undefined) throw usageError('--assume needs --via PROFILE: the profile whose credentials assume the role (a role from roletray roles, a chained profile or an IAM user)');
    return true;
  }
  const stray = WITH_ASSUME.find((flag) => values[flag] !== undefined);
  if (stray !== undefined) throw usageError(`--${stray} goes with --assume ROLE_ARN`);
  return false;
}

/** The text flags of --assume: the definition's field each fills, and STS's rule for it. */
const TEXT_FIELDS = [
  ['session-name', 'roleSessionName', roleSessionNameProblem],
  ['external-id', 'externalId', externalIdProblem],
  ['mfa-serial', 'mfaSerial', mfaSerialProblem],
  ['source-identity', 'sourceIdentity', sourceIdentityProblem],
  ['region', 'region', (r: string) => (regionProblem(r) ? `${regionProblem(r)}, not "${r}"` : undefined)],
] as const;

/**
 * The definition the flags describe, every field checked by STS's own rules (common/sts-rules.ts)
 * before anything is asked of the owner or of AWS. `chained`: the source is itself a role, so the
 * duration is capped at an hour.
 */
export function assumeDefinition(values: AssumeValues, chained: boolean): AssumeRoleDefinition {
  const roleArn = values.assume!;
  const arnProblem = roleArnProblem(roleArn);
  if (arnProblem) throw usageError(`--assume: ${arnProblem}`);
  const via = values.via!;
  if (!via.trim()) throw usageError('--via: the profile to assume the role from is empty');
  const definition: AssumeRoleDefinition = { profileName: values.profile ?? defaultProfileName(roleArn), roleArn, via };
  if (definition.profileName === via) throw usageError(`profile ${via} cannot be assumed from itself: give the new profile another name with -p NAME`);
  for (const [flag, field, problemOf] of TEXT_FIELDS) {
    const value = values[flag];
    if (value === undefined) continue;
    const problem = problemOf(value);
    if (problem) throw usageError(`--${flag}: ${problem}`);
    definition[field] = value;
  }
  if (values.duration !== undefined) {
    if (!/^\d+$/.test(values.duration)) throw usageError(`--duration is a number of seconds (900 to 43200), not "${values.duration}"`);
    const seconds = Number(values.duration);
    const problem = durationProblem(seconds, chained);
    if (problem) throw usageError(`--duration: ${problem}`);
    definition.durationSeconds = seconds;
  }
  return definition;
}

/** ACCOUNT:ROLE, the name IAM Identity Center's roles get by default. */
function defaultProfileName(roleArn: string): string {
  const { accountId, roleName } = parseRoleArn(roleArn)!;
  return formatProfileName(DEFAULT_PROFILE_FORMAT, { accountId, accountName: accountId, roleName });
}
