import { useEffect } from 'react';
import type { AppState } from '../../preload/api';

/** The saved theme, on <html data-theme> where styles.css reads it; 'system' until the first snapshot. */
export function useTheme(state: AppState | undefined): void {
  const theme = state?.settings.theme ?? 'system';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
