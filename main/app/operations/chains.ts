import type { AssumeRoleDefinition, LoadProfileRequest } from '../../../preload/api';
import { roleKeyOf } from '../../../common/role-key';
import { UserError } from '../../../common/user-error';
import { SignInRequiredError } from '../../credentials/errors';
import { ChainError, resolveProfile } from '../../sts/resolve';
import type { Derivation } from '../../credentials/types';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';
import { isDerivedProfile } from './derived-profile';
import { loadCatalogueRole, slotFor } from './slots';

type ChainOperations = Pick<OperationHandlers, 'loadProfile' | 'loadAssumed' | 'saveChain' | 'removeChain' | 'addIamUser' | 'removeIamUser' | 'rotateIamUser' | 'answerMfa' | 'cancelMfa'>;

/**
 * Loads a profile by name, walking its chain: an IAM Identity Center role is loaded as the window
 * loads it; a chain or an IAM user is derived through STS (asking for an MFA code if one is
 * needed) and kept with its derivation, so the refresh schedule can make it again. A chain or IAM
 * user loaded by its name goes first among the recents, into whichever slot, as a role does
 * (loadRole); a definition given with the load (`extra`) is remembered only once it is saved.
 */
async function loadByName(p: CoreParts, request: LoadProfileRequest, extra: AssumeRoleDefinition[] = []): Promise<{ slot: string; profileName: string }> {
  await p.chains.readAwsConfig();
  const derivation = await resolveListed(p, request.profile, extra);
  const profileName = request.profileName ?? request.profile;
  if (derivation.root.kind === 'sso' && derivation.hops.length === 0) {
    return loadCatalogueRole(p, { roleKey: roleKeyOf(derivation.root.role), profileName, ...slotRequest(request) });
  }
  const slot = slotFor(profileName, request);
  let derived;
  try {
    derived = await p.chains.deriver.derive(derivation, 'ask', profileName);
  } catch (err) {
    if (err instanceof SignInRequiredError) throw new UserError(`Sign in to ${err.startUrl} first: ${profileName} is assumed from one of its roles (${err.message})`);
    throw err;
  }
  p.service.slots.load(slot, {
    profileName,
    credentials: derived.credentials,
    source: derivation.hops.length > 0 ? 'assumed' : 'iam-user',
    derivation,
    arn: derived.arn,
  });
  if (extra.length === 0) await remember(p, request.profile);
  return { slot, profileName };
}

/**
 * A profile's derivation; a source not found while a first role list is still coming (a sign-in
 * just made) is looked for again once that list is in, so a load right after signing in works.
 */
async function resolveListed(p: CoreParts, name: string, extra: AssumeRoleDefinition[]): Promise<Derivation> {
  try {
    return resolveProfile(name, p.chains.sources(extra));
  } catch (err) {
    const firstLists = [...p.catalogueFetches].filter(([startUrl]) => !p.completeCatalogue(startUrl)).map(([, fetching]) => fetching.catch(() => undefined));
    if (!(err instanceof ChainError && err.kind === 'missing') || firstLists.length === 0) throw err;
    await Promise.all(firstLists);
    return resolveProfile(name, p.chains.sources(extra));
  }
}

/** A chain or IAM user, by name, first among the recents the tray offers. */
async function remember(p: CoreParts, profile: string): Promise<void> {
  await p.history().recordUse({ profile });
  p.changed();
}

/** After a chain or IAM user is removed: its name leaves the recents and the pinned unless a chain or IAM user still has it (one of ~/.aws/config). */
async function forgetIfGone(p: CoreParts, profile: string): Promise<void> {
  if (isDerivedProfile(p, profile)) return;
  await p.history().forget({ profile });
  p.changed();
}

function slotRequest(r: { slot?: string; slotted?: boolean }): { slot?: string; slotted?: boolean } {
  return { ...(r.slot !== undefined ? { slot: r.slot } : {}), ...(r.slotted !== undefined ? { slotted: r.slotted } : {}) };
}

/**
 * A definition as it would be saved: loops and parameters STS would refuse are refused; a source
 * not there yet (a catalogue not fetched, an IAM user to add) is kept and shown as the chain's problem.
 */
async function checkDefinition(p: CoreParts, definition: AssumeRoleDefinition): Promise<void> {
  await p.chains.readAwsConfig();
  try {
    await resolveListed(p, definition.profileName, [definition]);
  } catch (err) {
    if (err instanceof ChainError && err.kind === 'missing') return;
    throw err;
  }
}

/** What keeping a definition as a chain asks beyond loading it: a profile name no IAM user has. */
async function checkSavable(p: CoreParts, definition: AssumeRoleDefinition): Promise<void> {
  if (p.chains.users.get(definition.profileName)) throw new UserError(`${definition.profileName} is an IAM user's name; give the chain another profile name`);
  await checkDefinition(p, definition);
}

/** Keeps a checked definition as a chain, in place of one of the same name. */
async function keepChain(p: CoreParts, definition: AssumeRoleDefinition): Promise<void> {
  const others = p.deps.settings.get().chains.filter((c) => c.profileName !== definition.profileName);
  await p.deps.settings.update({ chains: [...others, definition] });
}

/** Roles chained through STS, IAM users and MFA prompts. */
export function chainOperations(p: CoreParts, attempt: Attempt): ChainOperations {
  return {
    loadProfile: (request) => attempt(() => loadByName(p, request)),

    loadAssumed: ({ definition, save, ...target }) =>
      attempt(async () => {
        await (save ? checkSavable(p, definition) : checkDefinition(p, definition));
        const loaded = await loadByName(p, { profile: definition.profileName, ...target }, [definition]);
        // Kept only once it has worked: a definition STS refuses is not left behind as a chain.
        if (save) {
          await keepChain(p, definition);
          // Only a saved chain can be loaded again by its name, from the tray.
          await remember(p, definition.profileName);
        }
        return loaded;
      }),

    saveChain: (definition) =>
      attempt(async () => {
        await checkSavable(p, definition);
        await keepChain(p, definition);
      }),

    removeChain: (profileName) =>
      attempt(async () => {
        const chains = p.deps.settings.get().chains;
        if (!chains.some((c) => c.profileName === profileName)) {
          const fromConfig = p.chains.chainViews().some((c) => c.profileName === profileName && c.origin === 'aws-config');
          throw new UserError(fromConfig ? `${profileName} is read from ~/.aws/config; RoleTray does not change that file: edit it there` : `There is no RoleTray chain ${profileName}`);
        }
        await p.deps.settings.update({ chains: chains.filter((c) => c.profileName !== profileName) });
        await forgetIfGone(p, profileName);
      }),

    addIamUser: (request) =>
      attempt(async () => {
        if (p.deps.settings.get().chains.some((c) => c.profileName === request.name)) throw new UserError(`${request.name} is a chain's profile name; give the IAM user another name`);
        await p.chains.users.add(request);
      }),

    removeIamUser: (name) =>
      attempt(async () => {
        await p.chains.users.remove(name);
        await forgetIfGone(p, name);
      }),

    rotateIamUser: (name) => attempt(() => p.chains.rotation.rotate(name)),

    answerMfa: ({ id, code }) =>
      attempt(async () => {
        await p.chains.prompts.answer(id, code);
      }),

    cancelMfa: (id) =>
      attempt(async () => {
        p.chains.prompts.cancel(id);
      }),
  };
}
