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
