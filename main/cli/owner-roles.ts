import { roleKeyOf } from '../../common/role-key';
import type { LoadRoleRequest } from '../../preload/api';
import type { ControlClient } from '../control/control-client';
import { awsConfigPath, readAwsConfig } from '../sso/aws-config-import';
import { CliError, type CliIo } from './io';
import { roleFromFlags, type LoadFlags } from './load-source';
import { answeringMfa } from './mfa-prompts';
import { must } from './owner';

/** What the owner is asked to load: a catalogue role (loadRole), or a profile it derives through STS (loadProfile). */
export type OwnerLoad = { role: Pick<LoadRoleRequest, 'roleKey' | 'profileName'> } | { profile: string };

/**
 * What `-p`, `-A`/`-R` or `--arn` name, as the owner knows it: a chained profile or an IAM user of
 * its state; a catalogue role by profile name (its role list, then ~/.aws/config's SSO profiles) or
 * by account and role in the instance whose list has it; and any other name is the owner's to
 * walk (loadProfile), whose answer says what is wrong with it (a loop, a missing source, no such profile).
 */
export async function ownerRole(owner: ControlClient, flags: LoadFlags, env: NodeJS.ProcessEnv): Promise<OwnerLoad> {
  const state = await must(owner, 'getState');
  const instances = state.sso.map((i) => i.startUrl);
  const notSignedIn = new CliError('not signed in to IAM Identity Center (run: roletray login)');
  const explicit = roleFromFlags(flags, env);
  if (explicit.accountId && explicit.roleName) {
    if (instances.length === 0) throw notSignedIn;
    const { accountId, roleName } = explicit;
    const listed = (await must(owner, 'listRoles')).find((r) => r.accountId === accountId && r.roleName === roleName);
    // Not in a list (it may be older than the assignment): the only instance is asked all the same.
    const startUrl = listed?.startUrl ?? (instances.length === 1 ? instances[0]! : undefined);
    if (!startUrl) throw new CliError(`no role ${roleName} in account ${accountId} in the role lists of ${instances.join(', ')} (see roletray roles --refresh)`);
    return { role: { roleKey: roleKeyOf({ startUrl, accountId, roleName }), ...(flags.profile ? { profileName: flags.profile } : {}) } };
  }
  const name = flags.profile;
  if (name === undefined) throw new CliError('which role? give --profile NAME, --account ID --role NAME, or --arn ARN');
  const listed = instances.length > 0 ? (await must(owner, 'listRoles')).find((r) => r.profileName === name) : undefined;
  if (listed) return { role: { roleKey: listed.key } };
  if (state.chains.some((c) => c.profileName === name) || state.iamUsers.some((u) => u.name === name)) return { profile: name };
  if (instances.length === 0) {
    // Nothing to load at all: signing in is the step missing; else the owner names what is wrong with this name.
    if (state.chains.length === 0 && state.iamUsers.length === 0) throw notSignedIn;
    return { profile: name };
  }
  const imported = (await readAwsConfig(awsConfigPath(env))).profiles.find((p) => p.profileName === name);
  if (!imported) return { profile: name };
  if (!instances.includes(imported.startUrl)) {
    throw new CliError(`profile ${name} uses ${imported.startUrl}: sign in first (roletray login --start-url ${imported.startUrl} --region ${imported.region})`);
  }
  return { role: { roleKey: roleKeyOf(imported), profileName: name } };
}

/** Loads what the flags name through the owner, answering the MFA prompts a derived profile raises. */
export async function ownerLoad(owner: ControlClient, flags: LoadFlags, io: CliIo, target: { slot?: string; slotted?: boolean }): Promise<{ slot: string; profileName: string }> {
  const what = await ownerRole(owner, flags, io.env);
  if ('role' in what) return must(owner, 'loadRole', { ...what.role, ...target });
  return answeringMfa(owner, io, [what.profile], () => must(owner, 'loadProfile', { profile: what.profile, ...target }));
}
