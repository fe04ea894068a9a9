import type { RoleTrayApi } from '../../preload/api';

declare global {
  interface Window {
    roletray?: RoleTrayApi;
  }
}
