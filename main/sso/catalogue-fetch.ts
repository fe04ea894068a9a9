import { paginateListAccountRoles, paginateListAccounts, type SSOClient } from '@aws-sdk/client-sso';
import { parseAccountId } from '../credentials/put-body';
import { backoffDelay } from '../../common/backoff';
import { AdaptiveLimiter } from './adaptive-limiter';
import { isThrottled, isTransient } from './errors';
import type { SsoInstance } from '../../common/sso-instance';

/** One role a person may assume, as the portal lists it (no secrets). */
export interface CatalogueRole {
  /** 12 digits. */
  accountId: string;
  accountName: string;
  emailAddress?: string;
  roleName: string;
}

export interface Catalogue {
  startUrl: string;
  region: string;
  /** Epoch ms. */
  fetchedAt: number;
  roles: CatalogueRole[];
  /** The roles so far of a fetch still running: shown, never saved. */
  partial?: true;
}

/** How far a fetch has got: the roles so far (sorted as the finished list is), and the accounts whose roles are all in. */
export interface CatalogueProgress {
  roles: readonly CatalogueRole[];
  accountsDone: number;
  /** Known once the last page of accounts is in. */
  accounts?: number;
}

export interface CatalogueFetchDeps {
  portal: SSOClient;
  /** Runs a portal call with a valid access token (SsoSessions.withAccessToken). */
  withAccessToken: <T>(call: (accessToken: string) => Promise<T>) => Promise<T>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  /** Paces the portal requests; a caller that keeps one across fetches starts the next at the pace this one found. */
  limiter?: AdaptiveLimiter;
  pageSize?: number;
  /** Tries per page before a failing call (a fault, no answer) gives up; throttles have a bound of their own. */
  maxAttempts?: number;
  /**
   * Called as the roles come in: once at the start, when the first roles arrive, then at most
   * every quarter second (thousands of pages are not thousands of redraws), and once when complete.
   */
  onProgress?: (progress: CatalogueProgress) => void;
}

const PAGE_SIZE = 100;
const MAX_ATTEMPTS = 8;
const MAX_THROTTLES = 30;
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 5_000;
export const PROGRESS_EVERY_MS = 250;

/** A pace of its own for one fetch, on the fetch's clock. */
export function catalogueLimiter(deps: Pick<CatalogueFetchDeps, 'now' | 'sleep'>): AdaptiveLimiter {
  return new AdaptiveLimiter({ now: deps.now, sleep: deps.sleep, isThrottle: isThrottled });
}

interface Context {
  deps: CatalogueFetchDeps;
  limiter: AdaptiveLimiter;
}

/**
 * Reads every page of one listing, each request when the limiter's pace allows. A throttled page
 * is tried again at the pace the throttle cut (the limiter's wait is its backoff), up to
 * MAX_THROTTLES times in a row: the pace slows for each round of refusals, so a page refused that
 * often means the service refuses whatever the pace. Another transient failure is retried after a
 * backoff of its own, up to `maxAttempts`. Either way the listing resumes from that page (the
 * paginator's startingToken), so earlier pages are not fetched twice.
 */
async function everyPage<P extends { nextToken?: string }>(
  ctx: Context,
  open: (accessToken: string, startingToken: string | undefined) => AsyncGenerator<P>,
  onPage: (page: P) => void,
): Promise<void> {
  let startingToken: string | undefined;
  let failures = 0;
  let throttles = 0;
  for (;;) {
    try {
      await ctx.deps.withAccessToken(async (accessToken) => {
        const pages = open(accessToken, startingToken);
        for (;;) {
          const next = await ctx.limiter.run(() => pages.next());
          if (next.done) return;
          onPage(next.value);
          startingToken = next.value.nextToken;
          failures = 0;
          throttles = 0;
          // The last page: asking the paginator again sends nothing, but would wait a turn of the pace behind every other listing.
          if (!startingToken) return;
        }
      });
      return;
    } catch (err) {
      if (isThrottled(err)) {
        if (++throttles >= MAX_THROTTLES) throw err;
        continue;
      }
      if (!isTransient(err) || failures + 1 >= (ctx.deps.maxAttempts ?? MAX_ATTEMPTS)) throw err;
      await ctx.deps.sleep(backoffDelay(failures++, BACKOFF_BASE_MS, BACKOFF_CAP_MS, ctx.deps.random));
    }
  }
}

function byName(a: CatalogueRole, b: CatalogueRole): number {
  return a.accountName.localeCompare(b.accountName) || a.accountId.localeCompare(b.accountId) || a.roleName.localeCompare(b.roleName);
}

/** Reports progress at the start, on the first roles, then at most every PROGRESS_EVERY_MS, and at the end. */
function progressReporter(deps: CatalogueFetchDeps, roles: CatalogueRole[], count: { accountsDone: number; accounts?: number }) {
  let lastAt = Number.NEGATIVE_INFINITY;
  let rolesSeen = false;
  return (final = false) => {
    if (!deps.onProgress) return;
    const at = deps.now();
    const firstRoles = !rolesSeen && roles.length > 0;
    if (!final && !firstRoles && at - lastAt < PROGRESS_EVERY_MS) return;
    lastAt = at;
    rolesSeen ||= roles.length > 0;
    deps.onProgress({ roles: [...roles].sort(byName), accountsDone: count.accountsDone, ...(count.accounts !== undefined ? { accounts: count.accounts } : {}) });
  };
}

/**
 * Lists every account and every role in it (ListAccounts + ListAccountRoles), paced by an
 * adaptive limiter. Role listings start as soon as each page of accounts arrives, so the first
 * roles are in after two round trips and the pace never waits for the whole account list.
 */
export async function fetchCatalogue(instance: SsoInstance, deps: CatalogueFetchDeps): Promise<Catalogue> {
  const ctx: Context = { deps, limiter: deps.limiter ?? catalogueLimiter(deps) };
  const pageSize = deps.pageSize ?? PAGE_SIZE;
  const client = deps.portal;
  const roles: CatalogueRole[] = [];
  const listings: Promise<void>[] = [];
  const count: { accountsDone: number; accounts?: number } = { accountsDone: 0 };
  const report = progressReporter(deps, roles, count);
  let found = 0;
  report(true);

  const listRoles = async (accountId: string, accountName: string, emailAddress: string | undefined) => {
    await everyPage(
      ctx,
      (accessToken, startingToken) => paginateListAccountRoles({ client, pageSize, startingToken }, { accessToken, accountId }),
      (page) => {
        for (const role of page.roleList ?? []) {
          if (role.roleName) roles.push({ accountId, accountName, ...(emailAddress ? { emailAddress } : {}), roleName: role.roleName });
        }
        report();
      },
    );
    count.accountsDone += 1;
    report();
  };

  const accounts = everyPage(
    ctx,
    (accessToken, startingToken) => paginateListAccounts({ client, pageSize, startingToken }, { accessToken }),
    (page) => {
      for (const account of page.accountList ?? []) {
        const id = parseAccountId(account.accountId);
        if (!id.ok) continue; // the portal always sends 12 digits; anything else cannot be used
        found += 1;
        const listing = listRoles(id.value, account.accountName ?? id.value, account.emailAddress);
        listing.catch(() => undefined); // awaited below; this only stops an "unhandled" report meanwhile
        listings.push(listing);
      }
      if (!page.nextToken) count.accounts = found;
    },
  );
  await accounts;
  await Promise.all(listings);
  report(true);
  return { startUrl: instance.startUrl, region: instance.region, fetchedAt: deps.now(), roles: roles.sort(byName) };
}
