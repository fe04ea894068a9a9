import { envLines, type Shell, type TokenHint } from './env-lines';
import type { ListenConfig, TlsMaterial } from './listener';

/** The extra listen address for containers; used only while TLS and the bearer token are both on. */
export interface ContainerAccess {
  enabled: boolean;
  address: string;
}

/** The name containers use for the host (Docker Desktop, and `--add-host=host.docker.internal:host-gateway`). */
export const DOCKER_HOST = 'host.docker.internal';

/** What decides how the credential server listens. */
export interface ListenInputs {
  port: number;
  /** The saved certificate and key, if any. */
  tls: TlsMaterial | undefined;
  /** Serve http although a certificate is saved. */
  tlsDisabled: boolean;
  /** Whether a bearer token is set. */
  auth: boolean;
  container: ContainerAccess;
}

export interface ListenPlan {
  config: ListenConfig;
  /** Host names the Host guard must accept besides loopback. */
  hostnames: string[];
  /** Why the container address was asked for but is not in effect. */
  containerOff?: string;
}

/**
 * The one place deciding whether the container address is bound: only while TLS and the token
 * are both on, since every request arriving there crosses a network boundary. Turning either off
 * therefore drops the address in the same step.
 */
export function listenPlan(inputs: ListenInputs): ListenPlan {
  const tls = inputs.tlsDisabled ? undefined : inputs.tls;
  const config: ListenConfig = { port: inputs.port, tls };
  if (!inputs.container.enabled) return { config, hostnames: [] };
  const missing = [!tls && 'TLS', !inputs.auth && 'a bearer token'].filter(Boolean);
  if (missing.length) {
    return { config, hostnames: [], containerOff: `Container access is off until ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} on.` };
  }
  return {
    config: { ...config, extraAddresses: [inputs.container.address] },
    hostnames: [inputs.container.address, DOCKER_HOST],
  };
}

/**
 * What to pass to a container (`docker run -e ...` or an env file): it reaches the host by name,
 * over https only (every SDK refuses plain http to a non-loopback host), trusting the exported CA.
 */
export function containerEnvLines(shell: Shell, target: { port: number; caFile: string; token: TokenHint; slot?: string; region?: string }): string[] {
  return envLines(shell, { url: `https://${DOCKER_HOST}:${target.port}/`, slot: target.slot, token: target.token, caFile: target.caFile, region: target.region });
}
