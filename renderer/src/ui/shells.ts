import type { Shell } from '../../../preload/api';

/** The shells RoleTray writes env lines for, in the order the window offers them. */
export const SHELLS: { shell: Shell; label: string }[] = [
  { shell: 'sh', label: 'bash / zsh' },
  { shell: 'fish', label: 'fish' },
  { shell: 'powershell', label: 'PowerShell' },
];
