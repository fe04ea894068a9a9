import type http from 'node:http';
import type { BearerToken } from './bearer-token';
import { listen, ListenError, type ListenConfig, type Listening } from './listener';

export interface ServerStatus {
  listening: boolean;
  url?: string;
  port?: number;
  https: boolean;
  auth: boolean;
  addresses: readonly string[];
  /** Why the last start or restart failed (the previous listener, if any, is still serving). */
  error?: string;
}

/**
 * Owns the listening sockets of the credential server. `apply` starts it or moves it to a new
 * port / TLS setting in place; the app (routes, slots) is untouched, so loaded slots survive.
 * If the new configuration cannot listen, the previous listener keeps serving.
 */
export class CredentialServer {
  private current: Listening | undefined;
  private config: ListenConfig | undefined;
  private error: string | undefined;
  private readonly listeners = new Set<(status: ServerStatus) => void>();

  constructor(
    private readonly handler: http.RequestListener,
    private readonly token: BearerToken,
  ) {}

  async apply(config: ListenConfig): Promise<Listening> {
    if (config.extraAddresses?.length && !(config.tls && this.token.enabled)) {
      throw this.fail(
        new ListenError('A container address is allowed only while both TLS and a bearer token are on.', 'EINSECURE'),
      );
    }
    const old = this.current;
    // The same port cannot be bound twice: free it first, and take it back if the new setting fails.
    const reusesPort = old !== undefined && config.port === old.port;
    if (old && reusesPort) {
      await old.close();
      this.current = undefined;
    }
    try {
      const next = await listen(this.handler, config);
      this.current = next;
      this.config = config;
      this.error = undefined;
      if (old && !reusesPort) await old.close();
      this.notify();
      return next;
    } catch (err) {
      if (old && reusesPort && this.config) {
        this.current = await listen(this.handler, this.config).catch(() => undefined);
      }
      throw this.fail(err as Error);
    }
  }

  async stop(): Promise<void> {
    const old = this.current;
    this.current = undefined;
    await old?.close();
    this.notify();
  }

  status(): ServerStatus {
    const c = this.current;
    return {
      listening: c !== undefined,
      url: c?.url,
      port: c?.port,
      https: c?.https ?? false,
      auth: this.token.enabled,
      addresses: c?.addresses ?? [],
      error: this.error,
    };
  }

  subscribe(listener: (status: ServerStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fail(err: Error): Error {
    this.error = err.message;
    this.notify();
    return err;
  }

  private notify(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
