import { createHash } from 'node:crypto';
import type { ClientsFor } from './clients';
import type { AdaptiveLimiter } from './adaptive-limiter';
import { catalogueLimiter, fetchCatalogue, type Catalogue, type CatalogueProgress, type CatalogueRole } from './catalogue-fetch';
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
}

type ProgressListener = (progress: CatalogueProgress) => void;

const storeName = (startUrl: string) => `sso-catalogue-${createHash('sha256').update(startUrl).digest('hex').slice(0, 16)}`;

function isRole(v: unknown): v is CatalogueRole {
  const r = v as CatalogueRole;
  return typeof r === 'object' && r !== null && typeof r.accountId === 'string' && typeof r.accountName === 'string' && typeof r.roleName === 'string';
}

function isCatalogue(v: unknown, startUrl: string): v is Catalogue {
  const c = v as Catalogue;
  return (
    typeof c === 'object' && c !== null && c.startUrl === startUrl && typeof c.region === 'string' &&
    typeof c.fetchedAt === 'number' && Array.isArray(c.roles) && c.roles.every(isRole) && c.partial === undefined
  );
}

/**
 * The roles of each signed-in instance: served from the saved copy at once (the window opens
 * with yesterday's list), refetched on demand. Saved as plain JSON: it holds no secrets. Only a
 * complete list is saved or kept: while a fetch runs, and when one fails halfway, `cached` is the
 * last complete list; the roles so far reach only the fetch's progress listeners.
 */
export class RoleCatalogue {
  private readonly loaded = new Map<string, Catalogue>();
  private readonly fetching = new Map<string, { done: Promise<Catalogue>; listeners: Set<ProgressListener> }>();
  /** One pace per instance, so a refresh starts at the rate the last fetch found the portal allows. */
  private readonly limiters = new Map<string, AdaptiveLimiter>();

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

  /**
   * Fetches the catalogue afresh and saves it once complete; concurrent calls for one instance
   * share a fetch, and each caller's `onProgress` hears its progress from when it joined.
   */
  refresh(instance: SsoInstance, onProgress?: ProgressListener): Promise<Catalogue> {
    let pending = this.fetching.get(instance.startUrl);
    if (pending) {
      if (onProgress) pending.listeners.add(onProgress);
      return pending.done;
    }
    // Listening before the fetch starts: its first report comes at once.
    const listeners = new Set<ProgressListener>(onProgress ? [onProgress] : []);
    const done = this.fetch(instance, listeners).finally(() => this.fetching.delete(instance.startUrl));
    this.fetching.set(instance.startUrl, { done, listeners });
    return done;
  }

  /** The saved catalogue, or a fresh one when there is none yet. */
  async current(instance: SsoInstance, onProgress?: ProgressListener): Promise<Catalogue> {
    return (await this.cached(instance.startUrl)) ?? this.refresh(instance, onProgress);
  }

  private async fetch(instance: SsoInstance, listeners: Set<ProgressListener>): Promise<Catalogue> {
    const { sessions, clientsFor, now, sleep, random } = this.deps;
    let limiter = this.limiters.get(instance.startUrl);
    if (!limiter) this.limiters.set(instance.startUrl, (limiter = catalogueLimiter({ now, sleep })));
    const catalogue = await fetchCatalogue(instance, {
      portal: clientsFor(instance.region).portal,
      withAccessToken: (call) => sessions.withAccessToken(instance, call),
      now,
      sleep,
      limiter,
      onProgress: (progress) => {
        for (const listener of listeners) listener(progress);
      },
      ...(random ? { random } : {}),
    });
    await this.deps.store.write(storeName(instance.startUrl), catalogue);
    this.loaded.set(instance.startUrl, catalogue);
    return catalogue;
  }
}
