import { RegisterClientCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { SsoInstance } from '../../common/sso-instance';
import type { ClientRegistration, SignInFlow, TokenCache } from './token-cache';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const SSO_SCOPES = ['sso:account:access'];
/**
 * Where the browser comes back to. RFC 8252 §7.3: for a loopback redirect the service ignores the
 * port, so one registration serves every sign-in, each on a port chosen when it starts.
 */
export const LOOPBACK_REDIRECT = 'http://127.0.0.1/oauth/callback';
/** A registration this close to its expiry is replaced, so it cannot lapse during a sign-in or refresh. */
const REGISTRATION_MARGIN_MS = 60 * 60_000;

export interface RegistrationDeps {
  oidc: SSOOIDCClient;
  cache: TokenCache;
  now: () => number;
  clientName?: string;
}

/** What each flow registers for, as the AWS CLI does: PKCE names its redirect and the instance that issues. */
function registerInput(instance: SsoInstance, flow: SignInFlow) {
  return flow === 'pkce'
    ? { grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [LOOPBACK_REDIRECT], issuerUrl: instance.startUrl }
    : { grantTypes: [DEVICE_CODE_GRANT, 'refresh_token'] };
}

export async function register(instance: SsoInstance, flow: SignInFlow, deps: RegistrationDeps): Promise<ClientRegistration> {
  const answer = await deps.oidc.send(
    new RegisterClientCommand({ clientName: deps.clientName ?? 'RoleTray', clientType: 'public', scopes: SSO_SCOPES, ...registerInput(instance, flow) }),
  );
  if (!answer.clientId || !answer.clientSecret) throw new Error('RegisterClient answered without a client id and secret');
  const registration: ClientRegistration = {
    region: instance.region,
    clientId: answer.clientId,
    clientSecret: answer.clientSecret,
    clientSecretExpiresAt: answer.clientSecretExpiresAt ?? 0,
    refreshGrant: true,
  };
  await deps.cache.saveRegistration(instance.startUrl, registration, flow);
  return registration;
}

/** A cached registration still good for a while (and for this region), else undefined. */
export function usableRegistration(r: ClientRegistration | undefined, region: string, now: number): ClientRegistration | undefined {
  return r && r.region === region && r.clientSecretExpiresAt * 1000 - now > REGISTRATION_MARGIN_MS ? r : undefined;
}

/** The cached registration for this flow when still usable (`cached` says so), else a new one. */
export async function registrationFor(instance: SsoInstance, flow: SignInFlow, deps: RegistrationDeps): Promise<{ registration: ClientRegistration; cached: boolean }> {
  const cached = usableRegistration(await deps.cache.registration(instance.startUrl, flow), instance.region, deps.now());
  return cached ? { registration: cached, cached: true } : { registration: await register(instance, flow, deps), cached: false };
}
