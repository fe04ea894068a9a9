// The role catalogue's speed against the IAM Identity Center stand-in, through the real SDK clients.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySecretStore } from '../../main/secrets/secret-store';
import { CATALOGUE_CONCURRENCY } from '../../main/sso/catalogue-fetch';
import { clientsByRegion } from '../../main/sso/clients';
import { FileJsonStore } from '../../main/sso/json-store';
import { RoleCatalogue } from '../../main/sso/role-catalogue';
import { SsoSessions } from '../../main/sso/sso-sessions';
import { TokenCache } from '../../main/sso/token-cache';
import { startSsoStandin } from '../../test-support/sso-standin';

export interface CatalogueFigures {
  roles: number;
  requests: number;
  idealMs: number;
  bestMs: number;
  runsMs: number[];
  reopenMs: number;
}

/** Best of `runs` fetches of accounts × roles at `latencyMs`, against the ideal for the concurrency; and a cached reopen. */
export async function measureCatalogue(options: { accounts?: number; rolesPerAccount?: number; latencyMs?: number; runs?: number } = {}): Promise<CatalogueFigures> {
  const accounts = options.accounts ?? 300;
  const latency = options.latencyMs ?? 50;
  const standin = await startSsoStandin({ accounts, rolesPerAccount: options.rolesPerAccount ?? 3 });
  try {
    const clientsFor = clientsByRegion(standin.url);
    const sessions = new SsoSessions({ cache: new TokenCache(new MemorySecretStore()), clientsFor, now: Date.now, sleep: async () => undefined });
    const instance = { startUrl: standin.startUrl, region: standin.region };
    await sessions.signIn(instance, () => undefined);
    standin.configure({ latencyMs: latency });
    const dir = mkdtempSync(join(tmpdir(), 'roletray-bench-catalogue-'));
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    const catalogue = () => new RoleCatalogue({ sessions, clientsFor, store: new FileJsonStore(dir), now: Date.now, sleep });
    // Nothing can start before the first page of accounts is back; then each round completes `concurrency` requests.
    const requests = Math.ceil(accounts / 100) + accounts;
    const idealMs = (1 + Math.ceil((requests - 1) / CATALOGUE_CONCURRENCY)) * latency;
    const runsMs: number[] = [];
    let roles = 0;
    for (let run = 0; run < (options.runs ?? 3); run++) {
      const started = performance.now();
      roles = (await catalogue().refresh(instance)).roles.length;
      runsMs.push(performance.now() - started);
    }
    const reopenStarted = performance.now();
    await catalogue().cached(instance.startUrl);
    return { roles, requests, idealMs, bestMs: Math.min(...runsMs), runsMs, reopenMs: performance.now() - reopenStarted };
  } finally {
    await standin.close();
  }
}
