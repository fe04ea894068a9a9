// The role catalogue's speed against the IAM Identity Center stand-in, through the real SDK clients,
// with the stand-in's rate limit on: how close to the limit's own pace the fetch gets.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySecretStore } from '../../main/secrets/secret-store';
import { clientsByRegion } from '../../main/sso/clients';
import { FileJsonStore } from '../../main/sso/json-store';
import { RoleCatalogue } from '../../main/sso/role-catalogue';
import { SsoSessions } from '../../main/sso/sso-sessions';
import { TokenCache } from '../../main/sso/token-cache';
import { startSsoStandin } from '../../test-support/sso-standin';

export interface CatalogueFigures {
  accounts: number;
  latencyMs: number;
  maxRequestsPerSecond: number;
  roles: number;
  /** The requests a fetch needs: every page of accounts, one role listing per account. */
  needed: number;
  /** What the portal was sent, throttled ones included. */
  sent: number;
  throttled: number;
  /** Requests given up on: a fetch that failed. */
  failed: number;
  failure?: string;
  /** The limit's own pace: the first page's latency, then every needed request at the limit. */
  idealMs: number;
  totalMs: number;
  /** From the start until progress first reported a role. */
  firstRolesMs: number;
  /** Progress reports the fetch made (coalesced, not one per page). */
  reports: number;
  reopenMs: number;
}

const PAGE = 100;

/** One fetch of accounts × roles at `latencyMs`, the stand-in refusing above `maxRequestsPerSecond`; and a cached reopen. */
export async function measureCatalogue(options: { accounts?: number; rolesPerAccount?: number; latencyMs?: number; maxRequestsPerSecond?: number } = {}): Promise<CatalogueFigures> {
  const accounts = options.accounts ?? 2_000;
  const latencyMs = options.latencyMs ?? 50;
  const maxRequestsPerSecond = options.maxRequestsPerSecond ?? 20;
  const standin = await startSsoStandin({ accounts, rolesPerAccount: options.rolesPerAccount ?? 3 });
  try {
    const clientsFor = clientsByRegion(standin.url);
    const sessions = new SsoSessions({ cache: new TokenCache(new MemorySecretStore()), clientsFor, now: Date.now, sleep: async () => undefined });
    const instance = { startUrl: standin.startUrl, region: standin.region };
    await sessions.signIn(instance, () => undefined);
    // The limit's bucket starts full from here, as it would for a person who signed in a while ago.
    standin.configure({ latencyMs, maxRequestsPerSecond });
    const before = Object.values(standin.stats.requests).reduce((a, b) => a + b, 0);
    const dir = mkdtempSync(join(tmpdir(), 'roletray-bench-catalogue-'));
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    const catalogue = () => new RoleCatalogue({ sessions, clientsFor, store: new FileJsonStore(dir), now: Date.now, sleep });
    const needed = Math.ceil(accounts / PAGE) + accounts;
    const idealMs = latencyMs + (needed / maxRequestsPerSecond) * 1000;
    let firstRolesMs = Number.NaN;
    let reports = 0;
    let roles = 0;
    let failure: string | undefined;
    const started = performance.now();
    try {
      const fetched = await catalogue().refresh(instance, (progress) => {
        reports += 1;
        if (Number.isNaN(firstRolesMs) && progress.roles.length > 0) firstRolesMs = performance.now() - started;
      });
      roles = fetched.roles.length;
    } catch (err) {
      failure = (err as Error).message;
    }
    const totalMs = performance.now() - started;
    const reopenStarted = performance.now();
    await catalogue().cached(instance.startUrl);
    const reopenMs = performance.now() - reopenStarted;
    const sent = Object.values(standin.stats.requests).reduce((a, b) => a + b, 0) - before;
    return {
      accounts, latencyMs, maxRequestsPerSecond, roles, needed, sent, throttled: standin.stats.throttled, failed: failure ? 1 : 0,
      ...(failure ? { failure } : {}), idealMs, totalMs, firstRolesMs: Number.isNaN(firstRolesMs) ? totalMs : firstRolesMs, reports, reopenMs,
    };
  } finally {
    await standin.close();
  }
}

export function formatCatalogue(c: CatalogueFigures): string[] {
  const ratio = c.totalMs / c.idealMs;
  return [
    `${c.accounts.toLocaleString('en')} accounts, ${c.roles.toLocaleString('en')} roles; ${c.latencyMs} ms latency; the portal refuses above ${c.maxRequestsPerSecond} requests/s`,
    `requests: ${c.needed} needed, ${c.sent} sent, ${c.throttled} throttled (and retried), ${c.failed} failed${c.failure ? ` (${c.failure})` : ''} (target 0 failed)`,
    `complete: ${(c.totalMs / 1000).toFixed(1)} s; ideal ${(c.idealMs / 1000).toFixed(1)} s (${c.needed} at ${c.maxRequestsPerSecond}/s after one page's latency); ratio ${ratio.toFixed(2)}x (target <= 1.2x)`,
    `first roles reported after ${c.firstRolesMs.toFixed(0)} ms (target < 1000 ms); ${c.reports} progress reports`,
    `cached reopen: ${c.reopenMs.toFixed(1)} ms (target < 50 ms)`,
  ];
}
