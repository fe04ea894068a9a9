import type { CreateTokenCommandOutput } from '@aws-sdk/client-sso-oidc';
import type { SsoInstance } from '../../common/sso-instance';
import type { SignInFlow, SsoToken } from './token-cache';

/** A refreshed token this much shorter than the longest granted was cut short, not just issued a little later. */
const CUT_SHORT_MS = 60_000;

function lifetimeOf(answer: CreateTokenCommandOutput): number {
  if (!answer.accessToken) throw new Error('CreateToken answered without an access token');
  return (answer.expiresIn ?? 3600) * 1000;
}

/**
 * The token a sign-in was granted. Without a refresh token nothing renews it, so its expiry is
 * where the session ends.
 */
export function grantedToken(instance: SsoInstance, answer: CreateTokenCommandOutput, flow: SignInFlow, now: number): SsoToken {
  const lifetime = lifetimeOf(answer);
  const expiresAt = now + lifetime;
  return {
    startUrl: instance.startUrl,
    region: instance.region,
    accessToken: answer.accessToken!,
    expiresAt,
    flow,
    grantedMs: lifetime,
    ...(answer.refreshToken ? { refreshToken: answer.refreshToken } : { sessionEndsAt: expiresAt }),
  };
}

/**
 * The token after a refresh grant. The service never issues an access token that outlives the
 * session it belongs to: one shorter than it granted before ends where the session does, which is
 * how the session's real end (its Identity Center session duration) becomes known.
 */
export function renewedToken(token: SsoToken, answer: CreateTokenCommandOutput, now: number): SsoToken {
  const lifetime = lifetimeOf(answer);
  const longest = Math.max(token.grantedMs ?? lifetime, lifetime);
  const expiresAt = now + lifetime;
  return {
    ...token,
    accessToken: answer.accessToken!,
    expiresAt,
    refreshToken: answer.refreshToken ?? token.refreshToken,
    grantedMs: longest,
    ...(lifetime < longest - CUT_SHORT_MS ? { sessionEndsAt: expiresAt } : {}),
  };
}

/** When the session ends, if known: the end the service showed, or the expiry of a token nothing renews. */
export function sessionEndOf(token: SsoToken): number | undefined {
  return token.sessionEndsAt ?? (token.refreshToken === undefined ? token.expiresAt : undefined);
}
