import { indexRoles, searchRoles } from '../../common/role-search';
import { parseRoleArn } from '../../common/sts-rules';
import { formatExpires } from '../../common/time-format';
import type { ChainView, IamUserView } from '../../preload/api';
import { formatTable } from './table';

/** The profiles the owner derives through STS, which `roletray load -p NAME` loads besides the catalogue's roles. */
export interface DerivedProfiles {
  chains: ChainView[];
  iamUsers: IamUserView[];
}

/**
 * The chains and IAM users that match `query`, by the one role search (common/role-search.ts): a
 * chain is searched by its target's account and role, its source and its name; an IAM user by
 * its name and MFA device.
 */
export function matchingDerived(derived: DerivedProfiles, query: string): DerivedProfiles {
  const chains = derived.chains.map((chain) => {
    const arn = parseRoleArn(chain.roleArn);
    return { chain, accountId: arn?.accountId ?? '', accountName: `via ${chain.via}`, roleName: arn?.roleName ?? chain.roleArn, profileName: chain.profileName };
  });
  const users = derived.iamUsers.map((user) => ({ user, accountId: '', accountName: user.mfaSerial ?? '', roleName: 'IAM user', profileName: user.name }));
  return {
    chains: searchRoles(indexRoles(chains), query).map((c) => c.chain),
    iamUsers: searchRoles(indexRoles(users), query).map((u) => u.user),
  };
}

/** The sections `roletray roles` prints after the catalogue's table, each with its own header; '' when there is nothing. */
export function derivedSections(derived: DerivedProfiles, now: number): string {
  const sections: string[] = [];
  if (derived.chains.length > 0) {
    const rows = [['PROFILE', 'ROLE ARN', 'VIA', 'FROM'], ...derived.chains.map((c) => [c.profileName, c.roleArn, c.via, c.origin === 'aws-config' ? '~/.aws/config' : 'roletray'])];
    const [head, ...lines] = formatTable(rows).trimEnd().split('\n');
    const withProblems = lines.flatMap((line, i) => {
      const problem = derived.chains[i]!.problem;
      return problem ? [line, `  ! ${problem}`] : [line];
    });
    sections.push(`Chained profiles (roletray load -p PROFILE):\n${[head, ...withProblems].join('\n')}\n`);
  }
  if (derived.iamUsers.length > 0) sections.push(`IAM users (roletray load -p NAME; roletray iam list):\n${formatTable(iamUserRows(derived.iamUsers, now))}`);
  return sections.join('\n');
}

/** The same profiles as entries of `roletray roles --json`, after the catalogue's: `source` tells them apart. */
export function derivedJson(derived: DerivedProfiles): object[] {
  return [
    ...derived.chains.map(({ profileName, roleArn, via, origin, problem }) => ({ profileName, source: 'assumed', roleArn, via, origin, ...(problem ? { problem } : {}) })),
    ...derived.iamUsers.map(({ name, accessKeyHint, mfaSerial }) => ({ profileName: name, source: 'iam-user', accessKeyHint, ...(mfaSerial ? { mfaSerial } : {}) })),
  ];
}

/** The IAM users as `iam list` and `roletray roles` show them, header first. */
export function iamUserRows(users: IamUserView[], now: number): string[][] {
  const session = (u: IamUserView) => (u.sessionExpiresAt === undefined ? '-' : formatExpires(u.sessionExpiresAt - now));
  return [['NAME', 'ACCESS KEY', 'MFA DEVICE', 'REGION', 'SESSION'], ...users.map((u) => [u.name, u.accessKeyHint, u.mfaSerial ?? '-', u.region ?? '-', session(u)])];
}

