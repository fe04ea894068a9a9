import { CreateTokenCommand, StartDeviceAuthorizationCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { describeError } from '../../common/user-error';
import { isTransient, SignInFailedError } from './errors';
import { DEVICE_CODE_GRANT, register, registrationFor } from './registration';
import { grantedToken } from './session-token';
import type { ClientRegistration, SsoToken, TokenCache } from './token-cache';
import type { SsoInstance } from '../../common/sso-instance';

/** RFC 8628: without an `interval` answer, poll every 5 seconds; after slow_down, 5 more. */
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_S = 5;

/** What the person must see to approve the sign-in. */
export interface DevicePrompt {
  verificationUri: string;
  /** The URL with the code filled in: what the app opens in the browser. */
  verificationUriComplete: string;
  userCode: string;
  /** Epoch ms after which the code is useless. */
  expiresAt: number;
}

export interface DeviceSignInDeps {
  oidc: SSOOIDCClient;
  cache: TokenCache;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  onPrompt: (prompt: DevicePrompt) => void;
  /** Aborting stops polling (the user closed the sign-in). */
  signal?: AbortSignal;
  clientName?: string;
}

async function startAuthorization(instance: SsoInstance, deps: DeviceSignInDeps) {
  const found = await registrationFor(instance, 'device', deps);
  let registration = found.registration;
  const start = (r: ClientRegistration) =>
    deps.oidc.send(new StartDeviceAuthorizationCommand({ clientId: r.clientId, clientSecret: r.clientSecret, startUrl: instance.startUrl }));
  try {
    return { registration, authorization: await start(registration) };
  } catch (err) {
    // A cached registration the service no longer knows: register afresh, once.
    if (!found.cached || (err as Error).name !== 'InvalidClientException') throw err;
    registration = await register(instance, 'device', deps);
    return { registration, authorization: await start(registration) };
  }
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SignInFailedError('sign-in cancelled', 'cancelled');
}

/**
 * Signs in with the OIDC device authorization flow (RFC 8628): the person approves the code in a
 * browser while this polls CreateToken at the pace the service asks for. The token is saved.
 */
export async function deviceSignIn(instance: SsoInstance, deps: DeviceSignInDeps): Promise<SsoToken> {
  const { registration, authorization } = await startAuthorization(instance, deps);
  const { deviceCode, userCode, verificationUri, verificationUriComplete } = authorization;
  if (!deviceCode || !userCode || !verificationUri) throw new Error('StartDeviceAuthorization answered without a device code');
  const expiresAt = deps.now() + (authorization.expiresIn ?? 600) * 1000;
  deps.onPrompt({ verificationUri, verificationUriComplete: verificationUriComplete ?? verificationUri, userCode, expiresAt });

  let intervalMs = (authorization.interval || DEFAULT_INTERVAL_S) * 1000;
  for (;;) {
    checkCancelled(deps.signal);
    await deps.sleep(intervalMs);
    checkCancelled(deps.signal);
    if (deps.now() >= expiresAt) throw new SignInFailedError(`the code ${userCode} expired before it was approved; sign in again`, 'expired');
    try {
      const answer = await deps.oidc.send(
        new CreateTokenCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, grantType: DEVICE_CODE_GRANT, deviceCode }),
      );
      const token = grantedToken(instance, answer, 'device', deps.now());
      await deps.cache.saveToken(token);
      return token;
    } catch (err) {
      switch ((err as Error).name) {
        case 'AuthorizationPendingException':
          continue;
        case 'SlowDownException':
          intervalMs += SLOW_DOWN_S * 1000;
          continue;
        case 'ExpiredTokenException':
          throw new SignInFailedError(`the code ${userCode} expired before it was approved; sign in again`, 'expired');
        case 'AccessDeniedException':
          throw new SignInFailedError('the sign-in was denied in the browser', 'denied');
      }
      // A hiccup (5xx, dropped connection) is not an answer; keep polling until the code expires.
      if (isTransient(err)) continue;
      throw new SignInFailedError(`sign-in failed: ${describeError(err)}`, 'rejected');
    }
  }
}
