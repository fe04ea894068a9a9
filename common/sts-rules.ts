// The parameters of sts:AssumeRole and sts:GetSessionToken as STS accepts them, so a bad one is
// refused with its reason before any request: the window's form, the command line and the core
// check with these same rules.
import { regionProblem } from './sso-instance';

/** A role reached with sts:AssumeRole; fields as the AWS CLI's config names them (role_arn, source_profile, …). */
export interface AssumeRoleDefinition {
  /** The profile name it is loaded, listed and refreshed as. */
  profileName: string;
  roleArn: string;
  /** The profile it is assumed from: a catalogue role's profile name, another chain, an IAM user, or an ~/.aws/config profile. */
  via: string;
  roleSessionName?: string;
  externalId?: string;
  durationSeconds?: number;
  mfaSerial?: string;
  sourceIdentity?: string;
  region?: string;
}

const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\x21-\x7e]+\/)*)([\w+=,.@-]{1,64})$/;
const MFA_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:mfa\/[\w+=,.@/-]{1,256}$/;
const HARDWARE_SERIAL = /^[\w+=/:,.@-]{9,256}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** The longest session STS grants when the caller is itself a role (role chaining). */
export const CHAINED_MAX_SECONDS = 3600;
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;

/** A role ARN's parts; undefined when it is not one. */
export function parseRoleArn(arn: string): { partition: string; accountId: string; roleName: string } | undefined {
  const m = ROLE_ARN.exec(arn);
  return m ? { partition: m[1]!, accountId: m[2]!, roleName: m[4]! } : undefined;
}

export function roleArnProblem(arn: string): string | undefined {
  return parseRoleArn(arn) ? undefined : `role_arn "${arn}" is not a role ARN such as arn:aws:iam::123456789012:role/Deploy`;
}

export function roleSessionNameProblem(name: string): string | undefined {
  return SESSION_NAME.test(name) ? undefined : `role_session_name "${name}" must be 2 to 64 letters, digits or any of _+=,.@-`;
}

export function sourceIdentityProblem(value: string): string | undefined {
  return SESSION_NAME.test(value) ? undefined : `source_identity "${value}" must be 2 to 64 letters, digits or any of _+=,.@-`;
}

export function externalIdProblem(value: string): string | undefined {
  if (value.length > 1224) return `external_id is ${value.length} characters long; STS takes at most 1224`;
  return EXTERNAL_ID.test(value) ? undefined : 'external_id must be 2 to 1224 letters, digits or any of _+=,.@:/-';
}

/** `chained`: the hop's source is itself a role, so STS grants at most an hour. */
export function durationProblem(seconds: number, chained: boolean): string | undefined {
  const max = chained ? CHAINED_MAX_SECONDS : MAX_DURATION_SECONDS;
  if (Number.isInteger(seconds) && seconds >= MIN_DURATION_SECONDS && seconds <= max) return undefined;
  const why = chained ? ' (the source is itself a role, and AWS caps a chained role session at one hour)' : '';
  return `duration_seconds ${seconds} must be a whole number from ${MIN_DURATION_SECONDS} to ${max}${why}`;
}

export function mfaSerialProblem(serial: string): string | undefined {
  if (serial.startsWith('arn:')) return MFA_ARN.test(serial) ? undefined : `mfa_serial "${serial}" is not an MFA device ARN such as arn:aws:iam::123456789012:mfa/alice`;
  return HARDWARE_SERIAL.test(serial) ? undefined : `mfa_serial "${serial}" is neither an MFA device ARN nor a hardware serial (9 to 256 letters, digits or _+=/:,.@-)`;
}

/**
 * Every problem of a definition's own fields, in the AWS CLI's names. `chained` when its source is
 * a role (an IAM Identity Center role or another chain), which caps the duration at an hour.
 */
export function definitionProblems(d: AssumeRoleDefinition, chained: boolean): string[] {
  const problems = [roleArnProblem(d.roleArn)];
  if (!d.profileName.trim()) problems.push('the profile name is empty');
  if (!d.via.trim()) problems.push('source_profile (the profile it is assumed from) is empty');
  if (d.via === d.profileName) problems.push(`profile ${d.profileName} cannot be its own source_profile`);
  if (d.roleSessionName !== undefined) problems.push(roleSessionNameProblem(d.roleSessionName));
  if (d.externalId !== undefined) problems.push(externalIdProblem(d.externalId));
  if (d.durationSeconds !== undefined) problems.push(durationProblem(d.durationSeconds, chained));
  if (d.mfaSerial !== undefined) problems.push(mfaSerialProblem(d.mfaSerial));
  if (d.sourceIdentity !== undefined) problems.push(sourceIdentityProblem(d.sourceIdentity));
  if (d.region !== undefined) problems.push(regionProblem(d.region) && `region: ${regionProblem(d.region)}`);
  return problems.filter((p): p is string => p !== undefined);
}

/** Why `code` is not an MFA code STS would take (six digits), or undefined. */
export function mfaCodeProblem(code: string): string | undefined {
  return /^\d{6}$/.test(code) ? undefined : 'an MFA code is the 6 digits your authenticator shows';
}
