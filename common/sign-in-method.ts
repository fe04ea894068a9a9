/**
 * How a person signs in to IAM Identity Center: in a browser on this machine (authorization code
 * with PKCE, the default where there is one), or with a code confirmed on any device (device code).
 */
export type SignInMethod = 'pkce' | 'device';

export const SIGN_IN_METHODS: readonly SignInMethod[] = ['pkce', 'device'];

export function isSignInMethod(value: unknown): value is SignInMethod {
  return (SIGN_IN_METHODS as readonly unknown[]).includes(value);
}
