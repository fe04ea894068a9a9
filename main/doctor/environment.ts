import type { Finding } from './finding';

const KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/** The profile the SDKs use: AWS_PROFILE, else the older AWS_DEFAULT_PROFILE, else `default`. */
export function activeProfile(env: NodeJS.ProcessEnv): string {
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

/**
 * The variables that win over the container endpoint in every SDK's chain, or point it
 * elsewhere. `ours` are the profiles of RoleTray's block: choosing one of them is using RoleTray.
 */
export function environmentFindings(env: NodeJS.ProcessEnv, ours: ReadonlySet<string>): Finding[] {
  const found: Finding[] = [];
  const keys = KEYS.filter((k) => env[k]);
  if (env.AWS_ACCESS_KEY_ID) {
    found.push({
      id: 'env-access-key',
      problem: 'AWS_ACCESS_KEY_ID is set: every SDK and the AWS CLI use these keys before RoleTray\'s credentials.',
      fix: `unset ${keys.join(' ')}`,
    });
  }
  const profile = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE;
  const variable = env.AWS_PROFILE ? 'AWS_PROFILE' : 'AWS_DEFAULT_PROFILE';
  const usesOurs = profile !== undefined && ours.has(profile);
  if (profile && !usesOurs) {
    found.push({
      id: 'env-profile',
      problem: `${variable}=${profile} is set: the SDKs take that profile's credentials (or fail if it has none) instead of RoleTray's.`,
      fix: `unset ${variable}${ours.size ? ` (or choose a RoleTray profile, e.g. ${variable}=${[...ours][0]})` : ''}`,
    });
  }
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) {
    found.push({
      id: 'env-relative-uri',
      problem: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set: it wins over AWS_CONTAINER_CREDENTIALS_FULL_URI and points the SDKs at the ECS agent.',
      fix: 'unset AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    });
  }
  if (!env.AWS_CONTAINER_CREDENTIALS_FULL_URI && !usesOurs) {
    found.push({
      id: 'env-no-full-uri',
      problem: 'AWS_CONTAINER_CREDENTIALS_FULL_URI is not set: SDKs started here do not ask RoleTray.',
      fix: 'paste the lines of the window\'s "Copy env" (or of `roletray serve`), or pick a profile of `roletray setup profiles` with --profile / AWS_PROFILE',
    });
  }
  return found;
}
