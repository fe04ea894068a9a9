import type { SsoInstance } from './clients';
import type { JsonStore } from './json-store';

const STORE_NAME = 'sso-instances';

function isInstance(v: unknown): v is SsoInstance {
  const i = v as SsoInstance;
  return typeof i === 'object' && i !== null && typeof i.startUrl === 'string' && typeof i.region === 'string';
}

/** The IAM Identity Center instances a person has signed in to, in the order they were added. */
export async function readInstances(store: JsonStore): Promise<SsoInstance[]> {
  const saved = await store.read(STORE_NAME);
  return Array.isArray(saved) ? saved.filter(isInstance).map(({ startUrl, region }) => ({ startUrl, region })) : [];
}

/** Adds an instance, or updates its region; one entry per start URL. */
export async function rememberInstance(store: JsonStore, instance: SsoInstance): Promise<void> {
  const others = (await readInstances(store)).filter((i) => i.startUrl !== instance.startUrl);
  await store.write(STORE_NAME, [...others, { startUrl: instance.startUrl, region: instance.region }]);
}
