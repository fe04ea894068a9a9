import { createHash, randomBytes } from 'node:crypto';
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import { describeError } from '../../common/user-error';
import type { SsoInstance } from '../../common/sso-instance';
import { oidcEndpoint } from './clients';
import { SignInFailedError } from './errors';
import { listenForRedirect } from './loopback-redirect';
import { registrationFor, SSO_SCOPES, type RegistrationDeps } from './registration';
import { grantedToken } from './session-token';
import type { SsoToken } from './token-cache';

/** How long the browser has to come back, as long as a device code lives. */
export const BROWSER_SIGN_IN_TIMEOUT_MS = 10 * 60_000;

/** The page the person signs in on, once the browser was asked to open it. */
export interface BrowserPrompt {
  authorizeUrl: string;
  /** Epoch ms after which the sign-in gives up waiting. */
  expiresAt: number;
  /** Why no browser opened: the person can still open `authorizeUrl` themselves. */
  openError?: string;
}

export interface BrowserSignInDeps extends RegistrationDeps {
  /** Opens the authorize page in the person's browser. */
  open: (url: string) => Promise<void>;
  onPrompt?: (prompt: BrowserPrompt) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * Signs in with the OAuth authorization code flow and PKCE (RFC 7636), as the AWS CLI does by
 * default: the person signs in on the authorize page in their browser, which comes back to a
 * one-shot loopback listener with a code that only this process, holding the verifier, can
 * exchange. The token is saved only once CreateToken has granted it.
 */
export async function pkceSignIn(instance: SsoInstance, deps: BrowserSignInDeps): Promise<SsoToken> {
  const { registration, cached } = await registrationFor(instance, 'pkce', deps);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(32).toString('base64url');
  const timeoutMs = deps.timeoutMs ?? BROWSER_SIGN_IN_TIMEOUT_MS;
  const listener = await listenForRedirect({ state, timeoutMs, startUrl: instance.startUrl, ...(deps.signal ? { signal: deps.signal } : {}) });
  try {
    const base = await oidcEndpoint(deps.oidc);
    const authorizeUrl = new URL('authorize', base.endsWith('/') ? base : `${base}/`);
    authorizeUrl.search = new URLSearchParams({
      response_type: 'code',
      client_id: registration.clientId,
      redirect_uri: listener.redirectUri,
      state,
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
      scopes: SSO_SCOPES.join(','),
    }).toString();
    const openError = await deps.open(authorizeUrl.href).then(
      () => undefined,
      (err: unknown) => describeError(err),
    );
    deps.onPrompt?.({ authorizeUrl: authorizeUrl.href, expiresAt: deps.now() + timeoutMs, ...(openError ? { openError } : {}) });

    const callback = await listener.callback.catch(async (err: SignInFailedError) => {
      // The authorize page refuses a client the service forgot, and the browser never comes back: start afresh next time.
      if (cached && err.reason === 'expired') await deps.cache.deleteRegistration(instance.startUrl, 'pkce');
      throw err;
    });
    try {
      const answer = await deps.oidc.send(
        new CreateTokenCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          grantType: 'authorization_code',
          code: callback.code,
          redirectUri: listener.redirectUri,
          codeVerifier: verifier,
        }),
      );
      const token = grantedToken(instance, answer, 'pkce', deps.now());
      await deps.cache.saveToken(token);
      callback.finish({ ok: true });
      return token;
    } catch (err) {
      const failed = new SignInFailedError(`sign-in failed: ${describeError(err)}`, 'rejected');
      callback.finish({ ok: false, message: failed.message });
      throw failed;
    }
  } finally {
    listener.close();
  }
}
