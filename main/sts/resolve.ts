import { definitionProblems, type AssumeRoleDefinition } from '../../common/sts-rules';
import { UserError } from '../../common/user-error';
import type { AssumeHop, Derivation, RoleRef } from '../credentials/types';
import type { ConfigChain } from './config-chains';

/** A profile that cannot be loaded as written: a loop, a missing source, a parameter STS would refuse. */
export class ChainError extends UserError {
  constructor(
    message: string,
    /** A source that is not there (yet: a catalogue not fetched) is kept as a problem; a loop or a bad parameter is refused. */
    readonly kind: 'missing' | 'loop' | 'invalid',
  ) {
    super(message);
    this.name = 'ChainError';
  }
}

/** Every profile a chain may start from or pass through, by name. */
export interface ChainSources {
  /** RoleTray's own chains: they win over a profile of the same name elsewhere. */
  chains: readonly AssumeRoleDefinition[];
  /** ~/.aws/config's role_arn profiles. */
  configChains: readonly ConfigChain[];
  iamUsers: readonly { name: string }[];
  /** An IAM Identity Center role by profile name (the catalogue's names, ~/.aws/config's SSO profiles). */
  ssoRole: (profileName: string) => RoleRef | undefined;
  /** False while an instance's role list is not in (not signed in, or its first list still coming): a missing name may be one of its roles. */
  rolesListed: boolean;
}

const NOT_FOUND =
  'it is not a RoleTray chain, an IAM user RoleTray keeps, an ~/.aws/config profile with role_arn, nor an IAM Identity Center role you can load (for an IAM user, add its keys under Chains & IAM users in the window, or with `roletray iam add NAME`)';

const notListedYet = (name: string) => `Not every IAM Identity Center role list is in yet: if ${name} is one of its roles, sign in to IAM Identity Center first, then try again`;

function hopOf(d: AssumeRoleDefinition & { mfaProcess?: string }): AssumeHop {
  const { profileName, roleArn, roleSessionName, externalId, durationSeconds, mfaSerial, mfaProcess, sourceIdentity, region } = d;
  return Object.fromEntries(
    Object.entries({ profileName, roleArn, roleSessionName, externalId, durationSeconds, mfaSerial, mfaProcess, sourceIdentity, region }).filter(([, v]) => v !== undefined),
  ) as unknown as AssumeHop;
}

/**
 * Walks a profile back to where its credentials start (an IAM Identity Center role or an IAM
 * user), as the AWS CLI follows source_profile. A loop, a missing source or a parameter STS would
 * refuse is a ChainError naming the profiles, before any request is made.
 */
export function resolveProfile(name: string, sources: ChainSources): Derivation {
  const seen: string[] = [];
  const defs: ConfigChain[] = [];
  let current = name;
  // Each turn adds a new name to `seen` or ends, so the walk is bounded by the number of profiles.
  for (;;) {
    if (seen.includes(current)) throw new ChainError(`The profiles loop: ${[...seen.slice(seen.indexOf(current)), current].join(' → ')}; one of them needs another source_profile`, 'loop');
    seen.push(current);
    const def: ConfigChain | undefined = sources.chains.find((c) => c.profileName === current) ?? sources.configChains.find((c) => c.profileName === current);
    if (def) {
      if (def.problem) throw new ChainError(def.problem, 'invalid');
      defs.unshift(def);
      current = def.via;
      continue;
    }
    const user = sources.iamUsers.find((u) => u.name === current);
    const role = user ? undefined : sources.ssoRole(current);
    if (!user && !role) {
      const why = sources.rolesListed ? NOT_FOUND : `${NOT_FOUND}. ${notListedYet(current)}`;
      if (seen.length === 1) throw new ChainError(`There is no profile ${current}: ${why}`, 'missing');
      throw new ChainError(`Profile ${seen[seen.length - 2]} is assumed from ${current} (its source_profile), but there is no profile ${current}: ${why}`, 'missing');
    }
    const derivation: Derivation = { root: user ? { kind: 'iam-user', user: user.name } : { kind: 'sso', profileName: current, role: role! }, hops: defs.map(hopOf) };
    checkHops(derivation, defs);
    return derivation;
  }
}

/** Each hop's parameters; a hop whose source is a role (IAM Identity Center's or another chain's) gets at most an hour. */
function checkHops(d: Derivation, defs: readonly AssumeRoleDefinition[]): void {
  defs.forEach((def, i) => {
    const chained = i > 0 || d.root.kind === 'sso';
    const problems = definitionProblems(def, chained);
    if (problems.length > 0) throw new ChainError(`Profile ${def.profileName}: ${problems.join('; ')}`, 'invalid');
  });
}

/** A profile's derivation as the sources stand, or why there is none (a loop, a missing source). */
export function tryResolve(name: string, sources: ChainSources): { derivation: Derivation; problem?: undefined } | { derivation?: undefined; problem: string } {
  try {
    return { derivation: resolveProfile(name, sources) };
  } catch (err) {
    if (err instanceof ChainError) return { problem: err.message };
    throw err;
  }
}
