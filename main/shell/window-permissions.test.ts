import { describe, expect, it } from 'vitest';
import { isAppPage } from '../app/ipc-door';
import { allowPermission } from './window-permissions';

const app = (url: string | undefined) => isAppPage(url, 'roletray://app/index.html');

describe('allowPermission', () => {
  it('lets the app page write to the clipboard, for its Copy buttons', () => {
    expect(allowPermission('clipboard-sanitized-write', 'roletray://app/index.html', app)).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'roletray://app', app)).toBe(true);
  });

  it('refuses every other permission, and every other page', () => {
    for (const permission of ['clipboard-read', 'geolocation', 'media', 'notifications', 'openExternal', 'unknown']) {
      expect(allowPermission(permission, 'roletray://app/index.html', app), permission).toBe(false);
    }
    for (const url of ['https://attacker.example/', 'file:///tmp/x.html', 'roletray://other/', undefined]) {
      expect(allowPermission('clipboard-sanitized-write', url, app), String(url)).toBe(false);
    }
  });
});
