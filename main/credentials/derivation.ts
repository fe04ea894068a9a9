import type { Derivation } from './types';

/**
 * A derived slot's chain, one step per line, for a person: where it starts, then each role
 * assumed, e.g. ["IAM Identity Center 111111111111/Admin (dev-admin)", "AssumeRole arn:aws:iam::222222222222:role/Deploy (deploy)"].
 */
export function chainSteps(d: Derivation): string[] {
  const root =
    d.root.kind === 'sso'
      ? `IAM Identity Center ${d.root.role.accountId}/${d.root.role.roleName} (${d.root.profileName})`
      : `IAM user ${d.root.user} (GetSessionToken)`;
  return [root, ...d.hops.map((hop) => `AssumeRole ${hop.roleArn} (${hop.profileName})`)];
}

/** The IAM Identity Center instance a derivation needs a sign-in to, if it starts there. */
export function rootStartUrl(d: Derivation): string | undefined {
  return d.root.kind === 'sso' ? d.root.role.startUrl : undefined;
}
