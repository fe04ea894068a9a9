import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';

export interface SsoClients {
  portal: SSOClient;
  oidc: SSOOIDCClient;
}

export type ClientsFor = (region: string) => SsoClients;

/**
 * The SDK clients for one region. No `endpoint` unless one is given, so the SDK's own resolution
 * applies and AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC redirect them. These operations are
 * all unsigned (the SDK's auth scheme for them is smithy.api#noAuth), so no AWS credentials are
 * configured or looked up. Retries are ours (catalogue, refresh), on our clock: the SDK's own
 * would sleep real time and spend its retry quota on throttling.
 */
export function createSsoClients(region: string, endpoint?: string): SsoClients {
  const common = { region, maxAttempts: 1, ...(endpoint ? { endpoint } : {}) };
  return { portal: new SSOClient(common), oidc: new SSOOIDCClient(common) };
}

/**
 * The SSO-OIDC base URL as this client resolves it, which is where a browser sign-in's authorize
 * page lives (the AWS CLI builds it from the same endpoint): the endpoint it was given,
 * AWS_ENDPOINT_URL_SSO_OIDC (or the config file's), else the region's own.
 */
export async function oidcEndpoint(oidc: SSOOIDCClient): Promise<string> {
  const config = oidc.config;
  const given = config.endpoint ? await config.endpoint() : undefined;
  const configured = given
    ? `${given.protocol}//${given.hostname}${given.port ? `:${given.port}` : ''}${given.path}`
    : config.ignoreConfiguredEndpointUrls
      ? undefined
      : await config.serviceConfiguredEndpoint?.();
  const resolved = config.endpointProvider({
    Region: await config.region(),
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
    ...(configured ? { Endpoint: configured } : {}),
  });
  return resolved.url.href;
}

/** One pair of clients per region, built on first use (they keep connections alive). */
export function clientsByRegion(endpoint?: string): ClientsFor {
  const made = new Map<string, SsoClients>();
  return (region) => {
    let clients = made.get(region);
    if (!clients) made.set(region, (clients = createSsoClients(region, endpoint)));
    return clients;
  };
}
