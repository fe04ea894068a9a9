export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** Alt+1 … Alt+9 open the screen at that place in the navigation; any other key, none. */
export function screenAtShortcut<T>(press: KeyPress, screens: readonly T[]): T | undefined {
  if (!press.altKey || press.ctrlKey || press.metaKey) return undefined;
  if (!/^[1-9]$/.test(press.key)) return undefined;
  return screens[Number(press.key) - 1];
}

/**
 * The screen a `#<id>` in the page's URL asks for, or undefined: how the tray opens the window on
 * a screen (Change port… loads `roletray://app/index.html#server`, where the Port field is).
 */
export function screenAtHash<T extends { id: string }>(hash: string, screens: readonly T[]): T | undefined {
  const id = hash.replace(/^#/, '');
  return screens.find((s) => s.id === id);
}
