import type { ComponentType } from 'react';
import type { AppState, RoleTrayApi } from '../../preload/api';
import { RolesScreen } from './roles/RolesScreen';
import type { ScreenId } from './screen-id';
import { SecurityScreen } from './security/SecurityScreen';
import { ServerScreen } from './server/ServerScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { SlotsScreen } from './slots/SlotsScreen';
import { SourcesScreen } from './sources/SourcesScreen';

interface ScreenProps {
  api: RoleTrayApi;
  state: AppState;
  goTo: (screen: ScreenId) => void;
}

interface ScreenEntry {
  id: ScreenId;
  label: string;
  Component: ComponentType<ScreenProps>;
}

/** In navigation order: the nth is also Alt+n. */
export const SCREENS: readonly ScreenEntry[] = [
  { id: 'roles', label: 'Roles', Component: RolesScreen },
  { id: 'slots', label: 'Slots', Component: SlotsScreen },
  { id: 'sources', label: 'Chains & IAM users', Component: SourcesScreen },
  { id: 'security', label: 'Security', Component: SecurityScreen },
  { id: 'server', label: 'Server & sign-in', Component: ServerScreen },
  { id: 'settings', label: 'Settings', Component: SettingsScreen },
];
