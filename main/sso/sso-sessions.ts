// main/sso: IAM Identity Center through the AWS SDK: sign-in (browser with PKCE, or device code), sessions
// and their renewal, the role catalogue, role credentials, ~/.aws/config import. It may import credentials/, secrets/, common/; not the server or the app.
import { LogoutCommand } from '@aws-sdk/client-sso';
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import type { ClientsFor } from './clients';
import { deviceSignIn, type DevicePrompt } from './device-login';
import { describeError } from '../../common/user-error';
import { SignInRequiredError } from '../credentials/errors';
import { isTransient, isUnauthorized } from './errors';
import { pkceSignIn, type BrowserPrompt } from './pkce-login';
import { usableRegistration } from './registration';
import { renewedToken, sessionEndOf } from './session-token';
import type { SsoToken, TokenCache } from './token-cache';
import type { SsoInstance } from '../../common/sso-instance';

/** Refresh the access token when less than this is left, like the AWS CLI. */
export const TOKEN_REFRESH_WINDOW_MS = 15 * 60_000;

export interface SsoSessionsDeps {
  cache: TokenCache;
  clientsFor: ClientsFor;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface SessionStatus {
  signedIn: boolean;
  /** When the access token expires (epoch ms), while a token is kept. */
  expiresAt?: number;
  /** When the session ends (epoch ms), once known; it may have passed. */
  endsAt?: number;
  canRefresh: boolean;
}

/** A browser sign-in: how to open the page, and who to tell that it was opened. */
export interface BrowserSignIn {
  open: (url: string) => Promise<void>;
  onPrompt?: (prompt: BrowserPrompt) => void;
  timeoutMs?: number;
}

/**
 * Signed-in IAM Identity Center sessions, one per start URL: sign in, hand out a valid access
 * token (refreshing it with the refresh token when one was granted), sign out.
 */
export class SsoSessions {
  private readonly refreshing = new Map<string, Promise<SsoToken>>();

  constructor(private readonly deps: SsoSessionsDeps) {}

  /** Signs in with the device code flow: the person confirms a code on a page, on any device. */
  signIn(instance: SsoInstance, onPrompt: (prompt: DevicePrompt) => void, signal?: AbortSignal): Promise<SsoToken> {
    const { cache, now, sleep } = this.deps;
    return deviceSignIn(instance, { oidc: this.deps.clientsFor(instance.region).oidc, cache, now, sleep, onPrompt, signal });
  }

  /** Signs in with the authorization code flow and PKCE, in a browser on this machine. */
  signInWithBrowser(instance: SsoInstance, browser: BrowserSignIn, signal?: AbortSignal): Promise<SsoToken> {
    const { cache, now } = this.deps;
    return pkceSignIn(instance, { oidc: this.deps.clientsFor(instance.region).oidc, cache, now, ...browser, ...(signal ? { signal } : {}) });
  }

  async status(startUrl: string): Promise<SessionStatus> {
    const token = await this.deps.cache.token(startUrl);
    if (!token) return { signedIn: false, canRefresh: false };
    const canRefresh = token.refreshToken !== undefined;
    const endsAt = sessionEndOf(token);
    const signedIn = endsAt === undefined || endsAt > this.deps.now();
    return { signedIn, expiresAt: token.expiresAt, canRefresh, ...(endsAt !== undefined ? { endsAt } : {}) };
  }

  /**
   * Renews the access token now with the refresh token, without asking the person anything.
   * SignInRequiredError when only a new sign-in can continue the session.
   */
  async renew(instance: SsoInstance): Promise<SsoToken> {
    const token = await this.deps.cache.token(instance.startUrl);
    if (!token) throw new SignInRequiredError(instance.startUrl, 'not signed in');
    return this.refresh(instance, token);
  }

  /** A usable access token; SignInRequiredError when only a new sign-in can give one. */
  async accessToken(instance: SsoInstance): Promise<string> {
    const token = await this.deps.cache.token(instance.startUrl);
    if (!token) throw new SignInRequiredError(instance.startUrl, 'not signed in');
    // A refresh token cannot carry a session past its end.
    if (token.refreshToken && (token.sessionEndsAt ?? Infinity) <= this.deps.now()) throw new SignInRequiredError(instance.startUrl, 'the session has ended');
    if (token.expiresAt - this.deps.now() >= TOKEN_REFRESH_WINDOW_MS || !token.refreshToken) {
      if (token.expiresAt <= this.deps.now()) throw new SignInRequiredError(instance.startUrl, 'the session has expired');
      return token.accessToken;
    }
    try {
      return (await this.refresh(instance, token)).accessToken;
    } catch (err) {
      // The old token may still have minutes left: use them rather than fail now.
      if (token.expiresAt > this.deps.now()) return token.accessToken;
      throw err;
    }
  }

  /**
   * Runs a portal call with a valid token. When the portal refuses a token we believed in (revoked,
   * or expired early), tries one refresh; failing that, the session is over.
   */
  async withAccessToken<T>(instance: SsoInstance, call: (accessToken: string) => Promise<T>): Promise<T> {
    const accessToken = await this.accessToken(instance);
    try {
      return await call(accessToken);
    } catch (err) {
      if (!isUnauthorized(err)) throw err;
      const token = await this.deps.cache.token(instance.startUrl);
      if (token && token.accessToken !== accessToken) return call(token.accessToken); // someone refreshed meanwhile
      if (token?.refreshToken) {
        const fresh = await this.refresh(instance, token).catch(() => undefined);
        if (fresh) return call(fresh.accessToken);
      }
      await this.deps.cache.deleteToken(instance.startUrl);
      throw new SignInRequiredError(instance.startUrl, 'the session was ended or has expired');
    }
  }

  async signOut(instance: SsoInstance): Promise<void> {
    const token = await this.deps.cache.token(instance.startUrl);
    await this.deps.cache.deleteToken(instance.startUrl);
    if (!token || token.expiresAt <= this.deps.now()) return;
    // Ends the session at the portal too; being offline must not keep a person signed in here.
    await this.deps.clientsFor(instance.region).portal.send(new LogoutCommand({ accessToken: token.accessToken })).catch(() => undefined);
  }

  /** One refresh per start URL at a time: concurrent callers share it (the refresh token may rotate). */
  private refresh(instance: SsoInstance, token: SsoToken): Promise<SsoToken> {
    let pending = this.refreshing.get(instance.startUrl);
    if (!pending) {
      pending = this.refreshOnce(instance, token).finally(() => this.refreshing.delete(instance.startUrl));
      this.refreshing.set(instance.startUrl, pending);
    }
    return pending;
  }

  private async refreshOnce(instance: SsoInstance, token: SsoToken): Promise<SsoToken> {
    const { cache, now } = this.deps;
    const registration = usableRegistration(await cache.registration(instance.startUrl, token.flow ?? 'device'), instance.region, now());
    if (!registration?.refreshGrant || !token.refreshToken) throw new SignInRequiredError(instance.startUrl, 'the session cannot be renewed');
    try {
      const answer = await this.deps.clientsFor(instance.region).oidc.send(
        new CreateTokenCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          grantType: 'refresh_token',
          refreshToken: token.refreshToken,
        }),
      );
      const fresh = renewedToken(token, answer, now());
      await cache.saveToken(fresh);
      return fresh;
    } catch (err) {
      if (isTransient(err)) throw err;
      // The refresh token was refused (expired, revoked): forget it so we stop trying.
      const { refreshToken: _dropped, ...rest } = token;
      await cache.saveToken(rest);
      throw new SignInRequiredError(instance.startUrl, `the session could not be renewed (${describeError(err)})`);
    }
  }
}
