import type { AssumeRoleDefinition } from '../../common/sts-rules';
import { awsConfigProfiles } from '../sso/aws-config-import';

/** A `role_arn` profile of ~/.aws/config, in RoleTray's terms; read-only, its profile name kept. */
export interface ConfigChain extends AssumeRoleDefinition {
  mfaProcess?: string;
  /** Why it cannot be used as written (no source_profile, credential_source), for a person. */
  problem?: string;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The profiles of an AWS config file's text that assume a role (`role_arn`), with the AWS CLI's parameters. */
export function chainsFromAwsConfig(source: string): ConfigChain[] {
  const chains: ConfigChain[] = [];
  for (const [profileName, values] of awsConfigProfiles(source)) {
    const roleArn = text(values.role_arn);
    if (!roleArn) continue;
    const via = text(values.source_profile) ?? '';
    const duration = text(values.duration_seconds);
    const optional: Partial<ConfigChain> = {
      roleSessionName: text(values.role_session_name),
      externalId: text(values.external_id),
      durationSeconds: duration === undefined ? undefined : Number(duration),
      mfaSerial: text(values.mfa_serial),
      mfaProcess: text(values.mfa_process),
      sourceIdentity: text(values.source_identity),
      region: text(values.region),
    };
    let problem: string | undefined;
    if (text(values.credential_source)) problem = `profile ${profileName} takes its credentials from credential_source, which RoleTray does not read; give it a source_profile instead`;
    else if (!via) problem = `profile ${profileName} has role_arn but no source_profile to assume it from`;
    chains.push({ profileName, roleArn, via, ...definedOnly(optional), ...(problem ? { problem } : {}) });
  }
  return chains;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
