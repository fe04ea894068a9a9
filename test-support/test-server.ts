import { createCredentialService, type CredentialService } from '../main/server/service';
import type { TlsMaterial } from '../main/server/listener';

export interface TestServer extends CredentialService {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** The real credential service on a free loopback port. */
export async function startTestServer(options: { token?: string; now?: () => number; tls?: TlsMaterial } = {}): Promise<TestServer> {
  const service = createCredentialService({ token: options.token, now: options.now });
  const listening = await service.server.apply({ port: 0, tls: options.tls });
  return { ...service, port: listening.port, url: listening.url, close: () => service.server.stop() };
}
