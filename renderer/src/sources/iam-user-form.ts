import type { IamUserRequest } from '../../../preload/api';
import { regionProblem } from '../../../common/sso-instance';
import { mfaSerialProblem } from '../../../common/sts-rules';
import { capitalised } from '../ui/capitalised';
import { inFieldWords } from '../chains/field-words';

export interface IamUserFields {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  mfaSerial: string;
  region: string;
}

export type IamUserField = keyof IamUserFields;

export const EMPTY_IAM_USER_FIELDS: IamUserFields = { name: '', accessKeyId: '', secretAccessKey: '', mfaSerial: '', region: '' };

/**
 * What the window can tell before sending anything: the fields left empty, a name already taken
 * by another IAM user, and an MFA serial or region the shared rules refuse. RoleTray checks the
 * keys themselves.
 */
export function iamUserFieldProblems(fields: IamUserFields, takenNames: readonly string[]): Partial<Record<IamUserField, string>> {
  const name = fields.name.trim();
  const mfaSerial = fields.mfaSerial.trim();
  const region = fields.region.trim();
  const problems: Partial<Record<IamUserField, string | undefined>> = {
    name: !name ? 'Enter a name to load and chain this IAM user by, such as alice' : takenNames.includes(name) ? `There is already an IAM user named ${name}: remove it first, or choose another name` : undefined,
    accessKeyId: fields.accessKeyId.trim() ? undefined : 'Enter the access key ID (it starts with AKIA)',
    secretAccessKey: fields.secretAccessKey ? undefined : 'Paste the secret access key that came with the access key ID',
    mfaSerial: mfaSerial ? inFieldWords(mfaSerialProblem(mfaSerial), 'mfa_serial', mfaSerial, 'MFA serial') : undefined,
    region: region && regionProblem(region) ? capitalised(regionProblem(region)!) : undefined,
  };
  return Object.fromEntries(Object.entries(problems).filter(([, p]) => p !== undefined));
}

/** The request the fields make, each trimmed (a key pasted from a terminal often carries its newline); empty optional fields left out. */
export function iamUserRequestOf(fields: IamUserFields): IamUserRequest {
  return {
    name: fields.name.trim(),
    accessKeyId: fields.accessKeyId.trim(),
    secretAccessKey: fields.secretAccessKey.trim(),
    ...(fields.mfaSerial.trim() ? { mfaSerial: fields.mfaSerial.trim() } : {}),
    ...(fields.region.trim() ? { region: fields.region.trim() } : {}),
  };
}
