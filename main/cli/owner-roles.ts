import { roleKeyOf } from '../../common/role-key';
import type { LoadRoleRequest } from '../../preload/api';
import type { ControlClient } from '../control/control-client';
import { awsConfigPath, readAwsConfig } from '../sso/aws-config-import';
import { CliError } from './io';
import { roleFromFlags, type LoadFlags } from './load-source';
import { must } from './owner';

/**
 * The catalogue role that `-p`, `-A`/`-R` or `--arn` name, as the owner knows it: by profile name
 * (its role list, then ~/.aws/config), or by account and role in the instance whose list has it.
 */
export async function ownerRole(owner: ControlClient, flags: LoadFlags, env: NodeJS.ProcessEnv): Promise<Pick<LoadRoleRequest, 'roleKey' | 'profileName'>> {
  const state = await must(owner, 'getState');
  const instances = state.sso.map((i) => i.startUrl);
  if (instances.length === 0) throw new CliError('not signed in to IAM Identity Center (run: roletray login)');
  const roles = await must(owner, 'listRoles');
  const explicit = roleFromFlags(flags, env);
  if (explicit.accountId && explicit.roleName) {
    const { accountId, roleName } = explicit;
    const listed = roles.find((r) => r.accountId === accountId && r.roleName === roleName);
    // Not in a list (it may be older than the assignment): the only instance is asked all the same.
    const startUrl = listed?.startUrl ?? (instances.length === 1 ? instances[0]! : undefined);
    if (!startUrl) throw new CliError(`no role ${roleName} in account ${accountId} in the role lists of ${instances.join(', ')} (see roletray roles --refresh)`);
    return { roleKey: roleKeyOf({ startUrl, accountId, roleName }), ...(flags.profile ? { profileName: flags.profile } : {}) };
  }
  const name = flags.profile;
  if (name === undefined) throw new CliError('which role? give --profile NAME, --account ID --role NAME, or --arn ARN');
  const listed = roles.find((r) => r.profileName === name);
  if (listed) return { roleKey: listed.key };
  const imported = (await readAwsConfig(awsConfigPath(env))).profiles.find((p) => p.profileName === name);
  if (!imported) throw new CliError(`no role named "${name}" (see roletray roles)`);
  if (!instances.includes(imported.startUrl)) {
    throw new CliError(`profile ${name} uses ${imported.startUrl}: sign in first (roletray login --start-url ${imported.startUrl} --region ${imported.region})`);
  }
  return { roleKey: roleKeyOf(imported), profileName: name };
}
