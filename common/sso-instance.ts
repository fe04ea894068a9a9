/** One IAM Identity Center instance a person signs in to. */
export interface SsoInstance {
  startUrl: string;
  region: string;
}

/** How a slot loaded from IAM Identity Center (or derived through STS) is kept fresh; 'needs-mfa' waits for a code. */
export type RefreshState = 'ok' | 'retrying' | 'needs-login' | 'needs-mfa';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Why `value` is not a start URL RoleTray can sign in to, or undefined. */
export function startUrlProblem(value: unknown): string | undefined {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  return url?.protocol === 'https:' ? undefined : 'the start URL must be an https URL such as https://my-org.awsapps.com/start';
}

/** Why `value` is not an AWS region name, or undefined. */
export function regionProblem(value: unknown): string | undefined {
  return typeof value === 'string' && REGION.test(value) ? undefined : 'the region must be an AWS region such as us-east-1';
}
