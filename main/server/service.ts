import { SlotStore } from '../credentials/slots';
import { VERSION } from '../version';
import { BearerToken } from './bearer-token';
import { CredentialServer } from './credential-server';
import { createServer, type Logger } from './create-server';
import type { BeforeRead } from './routes';

export interface CredentialService {
  slots: SlotStore;
  token: BearerToken;
  server: CredentialServer;
  /** Host names besides loopback accepted in `Host` (the container address, when enabled). */
  setExtraHostnames(names: readonly string[]): void;
  /**
   * Reads of a slot loaded from IAM Identity Center then refresh it when they find it due, as after
   * sleep (the app's RefreshScheduler). Until this is called, reads answer from the slots alone.
   */
  refreshOnRead(refresher: { beforeRead: BeforeRead }): void;
}

/** Slots + token + koa app + listener, wired the one way both the app and `roletray serve` use. */
export function createCredentialService(options: { now?: () => number; token?: string; log?: Logger } = {}): CredentialService {
  const slots = new SlotStore(options.now);
  const token = new BearerToken(options.token, options.now);
  let extra: readonly string[] = [];
  let refresher: { beforeRead: BeforeRead } | undefined;
  const app = createServer({
    slots,
    token,
    version: VERSION,
    log: options.log,
    extraHostnames: () => extra,
    beforeRead: (name) => refresher?.beforeRead(name),
  });
  const server = new CredentialServer(app.callback(), token);
  return {
    slots,
    token,
    server,
    setExtraHostnames(names) {
      extra = [...names];
    },
    refreshOnRead(r) {
      refresher = r;
    },
  };
}
