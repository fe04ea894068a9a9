import { describe, expect, it } from 'vitest';
import { screenAtHash } from './screen-keys';

const screens = [{ id: 'roles' }, { id: 'server' }, { id: 'settings' }];

describe('screenAtHash', () => {
  it('opens the screen the URL fragment names (the tray\'s Change port… sends #server)', () => {
    expect(screenAtHash('#settings', screens)).toEqual({ id: 'settings' });
    expect(screenAtHash('server', screens)).toEqual({ id: 'server' });
  });

  it('leaves the screen as it is for no fragment or one that names no screen', () => {
    expect(screenAtHash('', screens)).toBeUndefined();
    expect(screenAtHash('#', screens)).toBeUndefined();
    expect(screenAtHash('#Settings', screens)).toBeUndefined();
    expect(screenAtHash('#settings/x', screens)).toBeUndefined();
  });
});
