import { paginateListAccountRoles, paginateListAccounts, type SSOClient } from '@aws-sdk/client-sso';
import { parseAccountId } from '../credentials/put-body';
import { backoffDelay } from '../../common/backoff';
import { isTransient } from './errors';
import { Limiter } from './limiter';
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
}

export interface CatalogueFetchDeps {
  portal: SSOClient;
  /** Runs a portal call with a valid access token (SsoSessions.withAccessToken). */
  withAccessToken: <T>(call: (accessToken: string) => Promise<T>) => Promise<T>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  /** Portal requests in flight at once. */
  concurrency?: number;
  pageSize?: number;
  /** Tries per page before a throttled or failing call gives up. */
  maxAttempts?: number;
}

export const CATALOGUE_CONCURRENCY = 8;
const PAGE_SIZE = 100;
const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 5_000;

interface Context {
  deps: CatalogueFetchDeps;
  limiter: Limiter;
}

/**
 * Reads every page of one listing. Each page request takes a concurrency slot; a throttled or
 * failed page is retried after a backoff and the listing resumes from that page (the paginator's
 * startingToken), so earlier pages are not fetched twice.
 */
async function everyPage<P extends { nextToken?: string }>(
  ctx: Context,
  open: (accessToken: string, startingToken: string | undefined) => AsyncGenerator<P>,
  onPage: (page: P) => void,
): Promise<void> {
  let startingToken: string | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.deps.withAccessToken(async (accessToken) => {
        const pages = open(accessToken, startingToken);
        for (;;) {
          const next = await ctx.limiter.run(() => pages.next());
          if (next.done) return;
          onPage(next.value);
          startingToken = next.value.nextToken;
          attempt = 0;
        }
      });
      return;
    } catch (err) {
      if (!isTransient(err) || attempt + 1 >= (ctx.deps.maxAttempts ?? MAX_ATTEMPTS)) throw err;
      await ctx.deps.sleep(backoffDelay(attempt, BACKOFF_BASE_MS, BACKOFF_CAP_MS, ctx.deps.random));
    }
  }
}

function byName(a: CatalogueRole, b: CatalogueRole): number {
  return a.accountName.localeCompare(b.accountName) || a.accountId.localeCompare(b.accountId) || a.roleName.localeCompare(b.roleName);
}

/**
 * Lists every account and every role in it (ListAccounts + ListAccountRoles), at most
 * `concurrency` requests at a time. Role listings start as soon as each page of accounts
 * arrives, so the slots stay busy instead of waiting for the whole account list.
 */
export async function fetchCatalogue(instance: SsoInstance, deps: CatalogueFetchDeps): Promise<Catalogue> {
  const ctx: Context = { deps, limiter: new Limiter(deps.concurrency ?? CATALOGUE_CONCURRENCY) };
  const pageSize = deps.pageSize ?? PAGE_SIZE;
  const client = deps.portal;
  const roles: CatalogueRole[] = [];
  const listings: Promise<void>[] = [];

  const listRoles = (accountId: string, accountName: string, emailAddress: string | undefined) =>
    everyPage(
      ctx,
      (accessToken, startingToken) => paginateListAccountRoles({ client, pageSize, startingToken }, { accessToken, accountId }),
      (page) => {
        for (const role of page.roleList ?? []) {
          if (role.roleName) roles.push({ accountId, accountName, ...(emailAddress ? { emailAddress } : {}), roleName: role.roleName });
        }
      },
    );

  const accounts = everyPage(
    ctx,
    (accessToken, startingToken) => paginateListAccounts({ client, pageSize, startingToken }, { accessToken }),
    (page) => {
      for (const account of page.accountList ?? []) {
        const id = parseAccountId(account.accountId);
        if (!id.ok) continue; // the portal always sends 12 digits; anything else cannot be used
        const listing = listRoles(id.value, account.accountName ?? id.value, account.emailAddress);
        listing.catch(() => undefined); // awaited below; this only stops an "unhandled" report meanwhile
        listings.push(listing);
      }
    },
  );
  await accounts;
  await Promise.all(listings);
  return { startUrl: instance.startUrl, region: instance.region, fetchedAt: deps.now(), roles: roles.sort(byName) };
}
