import { createHash } from 'node:crypto';
import type { ClientsFor } from './clients';
import { fetchCatalogue, type Catalogue, type CatalogueRole } from './catalogue-fetch';
import type { JsonStore } from './json-store';
import type { SsoSessions } from './sso-sessions';
import type { SsoInstance } from '../../common/sso-instance';

export interface RoleCatalogueDeps {
  sessions: SsoSessions;
  clientsFor: ClientsFor;
  store: JsonStore;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  concurrency?: number;
}

const storeName = (startUrl: string) => `sso-catalogue-${createHash('sha256').update(startUrl).digest('hex').slice(0, 16)}`;

function isRole(v: unknown): v is CatalogueRole {
  const r = v as CatalogueRole;
  return typeof r === 'object' && r !== null && typeof r.accountId === 'string' && typeof r.accountName === 'string' && typeof r.roleName === 'string';
}

function isCatalogue(v: unknown, startUrl: string): v is Catalogue {
  const c = v as Catalogue;
  return (
    typeof c === 'object' && c !== null && c.startUrl === startUrl && typeof c.region === 'string' &&
    typeof c.fetchedAt === 'number' && Array.isArray(c.roles) && c.roles.every(isRole)
  );
}

/**
 * The roles of each signed-in instance: served from the saved copy at once (the window opens
 * with yesterday's list), refetched on demand. Saved as plain JSON: it holds no secrets.
 */
export class RoleCatalogue {
  private readonly loaded = new Map<string, Catalogue>();
  private readonly fetching = new Map<string, Promise<Catalogue>>();

  constructor(private readonly deps: RoleCatalogueDeps) {}

  /** The last fetched catalogue, from memory or the store; undefined when never fetched. */
  async cached(startUrl: string): Promise<Catalogue | undefined> {
    const inMemory = this.loaded.get(startUrl);
    if (inMemory) return inMemory;
    const saved = await this.deps.store.read(storeName(startUrl));
    if (!isCatalogue(saved, startUrl)) return undefined;
    this.loaded.set(startUrl, saved);
    return saved;
  }

  /** Fetches the catalogue afresh and saves it; concurrent calls for one instance share a fetch. */
  refresh(instance: SsoInstance): Promise<Catalogue> {
    let pending = this.fetching.get(instance.startUrl);
    if (!pending) {
      pending = this.fetch(instance).finally(() => this.fetching.delete(instance.startUrl));
      this.fetching.set(instance.startUrl, pending);
    }
    return pending;
  }

  /** The saved catalogue, or a fresh one when there is none yet. */
  async current(instance: SsoInstance): Promise<Catalogue> {
    return (await this.cached(instance.startUrl)) ?? this.refresh(instance);
  }

  private async fetch(instance: SsoInstance): Promise<Catalogue> {
    const { sessions, clientsFor, now, sleep, random, concurrency } = this.deps;
    const catalogue = await fetchCatalogue(instance, {
      portal: clientsFor(instance.region).portal,
      withAccessToken: (call) => sessions.withAccessToken(instance, call),
      now,
      sleep,
      ...(random ? { random } : {}),
      ...(concurrency ? { concurrency } : {}),
    });
    await this.deps.store.write(storeName(instance.startUrl), catalogue);
    this.loaded.set(instance.startUrl, catalogue);
    return catalogue;
  }
}
