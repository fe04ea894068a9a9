import type { AppState, ChainView, HistoryEntryView, IamUserView, MfaPromptView, Notice, ProfileEntryView, RoleView, ServerView, SlotView, SsoView, TlsView } from '../../preload/api';
import type { ProfileNaming } from '../../common/profile-names';
import { roleKeyOf } from '../../common/role-key';
import type { RefreshState } from '../../common/sso-instance';
import { chainSteps } from '../credentials/derivation';
import type { Slot } from '../credentials/slots';
import type { RoleRef } from '../credentials/types';
import type { Settings } from '../settings/schema';
import type { Catalogue } from '../sso/catalogue-fetch';
import { isProfileRef, type HistoryRef } from '../sso/role-history';
import type { BrowserPrompt } from '../sso/pkce-login';
import { roleView } from './role-view';
import { slotRegion } from './slot-region';
import type { SignInEntry } from './sign-in-state';

/** Everything the snapshot is made of, as plain values. */
export interface SnapshotInput {
  version: string;
  server: ServerView;
  tls: TlsView;
  slots: readonly Slot[];
  refreshState: (slot: string) => RefreshState | undefined;
  settings: Readonly<Settings>;
  signIn: (startUrl: string) => SignInEntry | undefined;
  catalogues: ReadonlyMap<string, Catalogue>;
  /** Undefined before the core has started (the role history is not open yet). */
  history?: { recents: readonly HistoryRef[]; pinned: readonly HistoryRef[] };
  naming: (startUrl: string) => ProfileNaming;
  notices: Notice[];
  secretsAvailable: boolean;
  chains: ChainView[];
  iamUsers: IamUserView[];
  mfaPrompts: MfaPromptView[];
}

/** The read-only state the window and the tray are shown: a pure function of the core's parts. No secret is in it. */
export function snapshotOf(input: SnapshotInput): AppState {
  const historyView = (ref: RoleRef): RoleView => {
    const known = input.catalogues.get(ref.startUrl)?.roles.find((r) => r.accountId === ref.accountId && r.roleName === ref.roleName);
    return roleView(ref.startUrl, known ?? { accountId: ref.accountId, accountName: '', roleName: ref.roleName }, input.naming(ref.startUrl));
  };
  const roleViews = (list: readonly HistoryRef[]): RoleView[] => list.filter((ref): ref is RoleRef => !isProfileRef(ref)).map(historyView);
  const entryViews = (list: readonly HistoryRef[]): HistoryEntryView[] =>
    list.flatMap((ref): HistoryEntryView[] => {
      if (!isProfileRef(ref)) return [{ kind: 'role', ...historyView(ref) }];
      const entry = profileEntry(ref.profile, input.chains, input.iamUsers);
      return entry ? [entry] : [];
    });
  return {
    version: input.version,
    server: input.server,
    tls: input.tls,
    slots: input.slots.map((s) => slotView(s, input.refreshState(s.name), slotRegion(s, input.settings, input.catalogues))),
    sso: input.settings.ssoInstances.map((instance) => ssoView(instance, input.signIn(instance.startUrl), input.catalogues.get(instance.startUrl))),
    recents: input.history ? roleViews(input.history.recents) : [],
    pinned: input.history ? roleViews(input.history.pinned) : [],
    history: { recents: input.history ? entryViews(input.history.recents) : [], pinned: input.history ? entryViews(input.history.pinned) : [] },
    settings: input.settings,
    notices: input.notices,
    secretsAvailable: input.secretsAvailable,
    chains: input.chains,
    iamUsers: input.iamUsers,
    mfaPrompts: input.mfaPrompts,
  };
}

/**
 * A chain or IAM user of the history as it is now: a chain first, as loading by name resolves it;
 * undefined once neither has that name (removed, or gone from ~/.aws/config), so it is not offered.
 */
function profileEntry(name: string, chains: readonly ChainView[], users: readonly IamUserView[]): ProfileEntryView | undefined {
  const chain = chains.find((c) => c.profileName === name);
  if (chain) return { kind: 'chain', profileName: name, roleArn: chain.roleArn, via: chain.via, ...(chain.problem ? { problem: chain.problem } : {}) };
  const user = users.find((u) => u.name === name);
  return user && { kind: 'iam-user', profileName: name, ...(user.mfaSerial !== undefined ? { mfaSerial: user.mfaSerial } : {}) };
}

function slotView(s: Slot, refresh: RefreshState | undefined, region: string | undefined): SlotView {
  return {
    name: s.name,
    profileName: s.profileName,
    accountId: s.credentials.accountId,
    roleName: s.credentials.roleName,
    expiresAt: s.credentials.expiration,
    source: s.source,
    ...(s.derivation ? { chain: chainSteps(s.derivation) } : {}),
    refresh: refresh ?? 'ok',
    ...(s.role ? { roleKey: roleKeyOf(s.role) } : {}),
    ...(region ? { region } : {}),
  };
}

function browserView(prompt: BrowserPrompt): NonNullable<SsoView['browserSignIn']> {
  return { url: prompt.authorizeUrl, expiresAt: prompt.expiresAt, ...(prompt.openError ? { openError: prompt.openError } : {}) };
}

function ssoView(instance: { startUrl: string; region: string }, status: SignInEntry | undefined, cat: Catalogue | undefined): SsoView {
  return {
    startUrl: instance.startUrl,
    region: instance.region,
    signedIn: status?.signedIn ?? false,
    ...(status?.sessionExpiresAt !== undefined ? { sessionExpiresAt: status.sessionExpiresAt } : {}),
    ...(cat && !cat.partial ? { catalogFetchedAt: cat.fetchedAt } : {}),
    roleCount: cat?.roles.length ?? 0,
    ...(status?.catalogueProgress ? { catalogueProgress: status.catalogueProgress } : {}),
    ...(status?.renews ? { renews: true } : {}),
    ...(status?.sessionWarning ? { sessionWarning: status.sessionWarning } : {}),
    ...(status?.signIn ? { signIn: { userCode: status.signIn.userCode, verificationUri: status.signIn.verificationUriComplete, expiresAt: status.signIn.expiresAt } } : {}),
    ...(status?.browserSignIn ? { browserSignIn: browserView(status.browserSignIn) } : {}),
    ...(status?.error ? { error: status.error } : {}),
  };
}
