import type { AssumeRoleDefinition } from '../../../preload/api';
import { regionProblem } from '../../../common/sso-instance';
import { durationProblem, externalIdProblem, mfaSerialProblem, parseRoleArn, roleSessionNameProblem } from '../../../common/sts-rules';
import { capitalised } from '../ui/capitalised';
import { inFieldWords } from './field-words';

/** What the person typed, as typed: kept as it is when RoleTray refuses it. */
export interface AssumeFields {
  roleArn: string;
  profileName: string;
  externalId: string;
  roleSessionName: string;
  durationSeconds: string;
  mfaSerial: string;
  region: string;
}

export type AssumeField = keyof AssumeFields;

export const EMPTY_ASSUME_FIELDS: AssumeFields = { roleArn: '', profileName: '', externalId: '', roleSessionName: '', durationSeconds: '', mfaSerial: '', region: '' };

const EXAMPLE_ARN = 'arn:aws:iam::123456789012:role/Deploy';

/** The profile name a chain gets when the person leaves it empty: the role's own name. */
export function defaultProfileName(roleArn: string): string | undefined {
  return parseRoleArn(roleArn.trim())?.roleName;
}

/**
 * What is wrong with each field, by the shared STS rules (common/sts-rules.ts), in the window's
 * words. `chained`: the source is itself a role, so STS grants at most an hour.
 */
export function assumeFieldProblems(fields: AssumeFields, via: string, chained: boolean): Partial<Record<AssumeField, string>> {
  const f = trimmed(fields);
  const problems: Partial<Record<AssumeField, string>> = {};
  if (!f.roleArn) problems.roleArn = `Enter the ARN of the role to assume, such as ${EXAMPLE_ARN}`;
  else if (!parseRoleArn(f.roleArn)) problems.roleArn = `This is not a role ARN: it reads like ${EXAMPLE_ARN} (partition aws, aws-cn or aws-us-gov, a 12-digit account, then role/ and the role's name)`;
  const profileName = f.profileName || defaultProfileName(f.roleArn);
  if (profileName === via) problems.profileName = `${via} is the profile it is assumed from: give this one another name`;
  if (f.roleSessionName) problems.roleSessionName = inFieldWords(roleSessionNameProblem(f.roleSessionName), 'role_session_name', f.roleSessionName, 'session name');
  if (f.externalId) problems.externalId = inFieldWords(externalIdProblem(f.externalId), 'external_id', f.externalId, 'external ID');
  if (f.durationSeconds) {
    problems.durationSeconds = /^\d+$/.test(f.durationSeconds)
      ? inFieldWords(durationProblem(Number(f.durationSeconds), chained), 'duration_seconds', f.durationSeconds, 'duration')
      : 'Enter the duration in whole seconds, such as 3600';
  }
  if (f.mfaSerial) problems.mfaSerial = inFieldWords(mfaSerialProblem(f.mfaSerial), 'mfa_serial', f.mfaSerial, 'MFA serial');
  if (f.region) problems.region = regionProblem(f.region) && capitalised(regionProblem(f.region)!);
  return Object.fromEntries(Object.entries(problems).filter(([, p]) => p !== undefined));
}

/** The definition the fields describe (checked first with assumeFieldProblems); empty optional fields are left out. */
export function definitionOf(fields: AssumeFields, via: string): AssumeRoleDefinition {
  const f = trimmed(fields);
  return {
    profileName: f.profileName || defaultProfileName(f.roleArn) || '',
    roleArn: f.roleArn,
    via,
    ...(f.roleSessionName ? { roleSessionName: f.roleSessionName } : {}),
    ...(f.externalId ? { externalId: f.externalId } : {}),
    ...(f.durationSeconds ? { durationSeconds: Number(f.durationSeconds) } : {}),
    ...(f.mfaSerial ? { mfaSerial: f.mfaSerial } : {}),
    ...(f.region ? { region: f.region } : {}),
  };
}

function trimmed(fields: AssumeFields): AssumeFields {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.trim()])) as unknown as AssumeFields;
}
