// main/tray: the tray as plain data: trayMenu(state) describes the menu, tray-actions runs what is
// picked through the core's operations. It may import preload/api.ts, common/ and the operations' type (app/ipc-door), nothing else.
import type { AppState, HistoryEntryView, SlotView } from '../../preload/api';
import { fetchingRolesText } from '../../common/catalogue-progress';
import { sessionWarning, type SessionWarning } from '../../common/session-warning';
import { formatExpires } from '../../common/time-format';

/** Below this much time left, credentials that will not be refreshed are shown as expiring. */
export const EXPIRING_MS = 15 * 60_000;

export type TrayAction =
  | { type: 'loadRole'; roleKey: string }
  | { type: 'loadProfile'; profile: string }
  | { type: 'unload'; slot: string }
  | { type: 'copyEnv' }
  | { type: 'openConsole' }
  | { type: 'signIn'; startUrl: string; region: string }
  | { type: 'open' }
  | { type: 'enterMfa' }
  | { type: 'toggleStartAtLogin' }
  | { type: 'retryServer' }
  | { type: 'changePort' }
  | { type: 'revealLogs' }
  | { type: 'installCli' }
  | { type: 'quit' };

export type TrayItem =
  | { kind: 'label'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; label: string; action: TrayAction; enabled?: boolean; checked?: boolean }
  | { kind: 'submenu'; label: string; items: TrayItem[] };

export type TrayIcon = 'idle' | 'active' | 'expiring' | 'attention';

export interface TrayModel {
  icon: TrayIcon;
  /** "dev:Admin · 47m" (macOS also shows it next to the icon). */
  title: string;
  tooltip: string;
  items: TrayItem[];
}

const MAX_RECENTS = 8;

/** What the tray offers beyond the state: only an installed app ships a command-line tool to link. */
export interface TrayOptions {
  installCli?: boolean;
}

function slotLine(slot: SlotView, now: number): string {
  const left = slot.expiresAt - now;
  const state = REFRESH_NOTE[slot.refresh];
  return `${slot.profileName} · ${formatExpires(left)}${state}`;
}

const REFRESH_NOTE: Record<SlotView['refresh'], string> = { ok: '', retrying: ' (refresh failing)', 'needs-login': ' (sign in again)', 'needs-mfa': ' (MFA code needed)' };

/** Where a chained slot's credentials come from: the steps before its own, e.g. "via IAM Identity Center 111111111111/Admin (dev-admin)". */
function sourceLine(slot: SlotView): TrayItem[] {
  if (!slot.chain?.length) return [];
  const before = slot.chain.slice(0, -1);
  return [{ kind: 'label', label: `  via ${(before.length ? before : slot.chain).join(' → ')}` }];
}

/** Each MFA code RoleTray waits for, and the item that opens the window to enter it; a slot needing one but no prompt yet names the slot. */
function mfaItems(state: AppState): TrayItem[] {
  const waiting = state.mfaPrompts.map((p): TrayItem => ({ kind: 'label', label: `MFA code needed for ${p.profileName} ${p.reason}` }));
  const stale = state.mfaPrompts.length ? [] : state.slots.filter((s) => s.refresh === 'needs-mfa').map((s): TrayItem => ({ kind: 'label', label: `${s.profileName} needs an MFA code to refresh` }));
  if (waiting.length + stale.length === 0) return [];
  return [...waiting, ...stale, { kind: 'action', label: 'Enter MFA code…', action: { type: 'enterMfa' } }];
}

/** What the tray says of a session near or past its end. */
function warningLine(host: string, warning: SessionWarning): string {
  return warning.stage === 'ended' ? `Session for ${host} has ended` : `Session for ${host} ends within ${warning.withinMs / 60_000} min`;
}

function iconFor(state: AppState, def: SlotView | undefined, now: number): TrayIcon {
  const warnings = state.sso.map((s) => sessionWarning(s.sessionExpiresAt, now)?.stage);
  const stuck = state.slots.some((s) => s.refresh === 'needs-login' || s.refresh === 'needs-mfa');
  if (!state.server.listening || stuck || state.mfaPrompts.length > 0 || warnings.includes('ended')) return 'attention';
  // Loaded roles stop refreshing when the session ends: amber ahead of it.
  if (warnings.includes('ending')) return 'expiring';
  if (!def || def.expiresAt <= now) return 'idle';
  const refreshes = def.source !== 'pushed' && def.refresh === 'ok';
  return !refreshes && def.expiresAt - now < EXPIRING_MS ? 'expiring' : 'active';
}

/** Which entry of the history names this one: a role's key, or a chain's or IAM user's profile name (they share one namespace). */
const entryId = (e: HistoryEntryView) => (e.kind === 'role' ? e.key : `profile:${e.profileName}`);

/** The entry the default slot holds: its catalogue role, or the chain or IAM user it was loaded by. */
function currentId(def: SlotView | undefined): string | undefined {
  if (!def) return undefined;
  if (def.roleKey) return def.roleKey;
  return def.source === 'assumed' || def.source === 'iam-user' ? `profile:${def.profileName}` : undefined;
}

/** A history entry as a tray item: clicking it loads it into the default slot; a chain that cannot load is shown, not offered. */
function entryItems(entries: readonly HistoryEntryView[], current: string | undefined): TrayItem[] {
  return entries.map((e): TrayItem => {
    const checked = entryId(e) === current;
    if (e.kind === 'role') return { kind: 'action', label: e.profileName, action: { type: 'loadRole', roleKey: e.key }, checked };
    const label = e.kind === 'chain' ? `${e.profileName} (from ${e.via})` : `${e.profileName} (IAM user)`;
    const unavailable = e.kind === 'chain' && e.problem !== undefined;
    return { kind: 'action', label, action: { type: 'loadProfile', profile: e.profileName }, checked, ...(unavailable ? { enabled: false } : {}) };
  });
}

/** The tray menu as plain data: a pure function of the state and the clock. */
export function trayMenu(state: AppState, now: number, options: TrayOptions = {}): TrayModel {
  const def = state.slots.find((s) => s.name === '');
  const named = state.slots.filter((s) => s.name !== '');
  const title = def ? slotLine(def, now) : 'No role loaded';
  const pinnedIds = new Set(state.history.pinned.map(entryId));
  const recents = state.history.recents.filter((e) => !pinnedIds.has(entryId(e))).slice(0, MAX_RECENTS);
  const current = currentId(def);
  const needsLogin = state.sso.filter((s) => !s.signedIn || sessionWarning(s.sessionExpiresAt, now) || state.slots.some((slot) => slot.refresh === 'needs-login'));

  const items: TrayItem[] = [{ kind: 'label', label: def ? `Default: ${title}` : 'Default: no role loaded' }, ...(def ? sourceLine(def) : [])];
  if (!state.server.listening) {
    items.push(
      { kind: 'label', label: `Server stopped: ${state.server.error ?? 'not listening'}` },
      { kind: 'action', label: 'Retry', action: { type: 'retryServer' } },
      { kind: 'action', label: 'Change port…', action: { type: 'changePort' } },
    );
  }
  if (state.history.pinned.length > 0) items.push({ kind: 'separator' }, { kind: 'label', label: 'Pinned' }, ...entryItems(state.history.pinned, current));
  if (recents.length > 0) items.push({ kind: 'separator' }, { kind: 'label', label: 'Recent' }, ...entryItems(recents, current));
  items.push({ kind: 'separator' });
  if (named.length > 0) {
    items.push({
      kind: 'submenu',
      label: `Named slots (${named.length})`,
      items: named.flatMap((s): TrayItem[] => [{ kind: 'action', label: `Unload ${slotLine(s, now)}`, action: { type: 'unload', slot: s.name } }, ...sourceLine(s)]),
    });
  }
  if (def) {
    items.push(
      { kind: 'action', label: 'Open AWS console', action: { type: 'openConsole' }, enabled: def.expiresAt - now > 60_000 },
      { kind: 'action', label: 'Unload default', action: { type: 'unload', slot: '' } },
    );
  }
  items.push({ kind: 'action', label: 'Copy export lines', action: { type: 'copyEnv' }, enabled: state.server.listening }, ...mfaItems(state));
  for (const sso of state.sso) {
    if (sso.catalogueProgress) items.push({ kind: 'label', label: `${state.sso.length > 1 ? `${new URL(sso.startUrl).host}: ` : ''}${fetchingRolesText(sso.catalogueProgress)}` });
  }
  for (const sso of needsLogin) {
    const host = new URL(sso.startUrl).host;
    const warning = sessionWarning(sso.sessionExpiresAt, now);
    if (warning) items.push({ kind: 'label', label: warningLine(host, warning) });
    items.push({ kind: 'action', label: `Sign in to ${host}…`, action: { type: 'signIn', startUrl: sso.startUrl, region: sso.region } });
  }
  items.push(
    { kind: 'separator' },
    { kind: 'action', label: 'Open RoleTray…', action: { type: 'open' } },
    { kind: 'action', label: 'Start at login', action: { type: 'toggleStartAtLogin' }, checked: state.settings.startAtLogin },
    { kind: 'action', label: 'Reveal logs', action: { type: 'revealLogs' } },
    ...(options.installCli ? [{ kind: 'action' as const, label: 'Install command-line tool…', action: { type: 'installCli' as const } }] : []),
    { kind: 'action', label: 'Quit', action: { type: 'quit' } },
  );
  return { icon: iconFor(state, def, now), title, tooltip: `RoleTray — ${title}`, items };
}
