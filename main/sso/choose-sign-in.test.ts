import { describe, expect, it } from 'vitest';
import { chooseSignInMethod } from './choose-sign-in';

describe('chooseSignInMethod', () => {
  it('signs in in a browser here where one can open', () => {
    expect(chooseSignInMethod({ DISPLAY: ':0' }, 'linux')).toBe('pkce');
    expect(chooseSignInMethod({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe('pkce');
    expect(chooseSignInMethod({}, 'darwin')).toBe('pkce');
    expect(chooseSignInMethod({}, 'win32')).toBe('pkce');
  });

  it('uses a device code over SSH, even where a display is forwarded', () => {
    expect(chooseSignInMethod({ SSH_CONNECTION: '127.0.0.1 52114 127.0.0.1 22', DISPLAY: 'localhost:10.0' }, 'linux')).toBe('device');
    expect(chooseSignInMethod({ SSH_CONNECTION: '127.0.0.1 52114 127.0.0.1 22' }, 'darwin')).toBe('device');
  });

  it('uses a device code on Linux and the BSDs with no X11 or Wayland display (a server, a container)', () => {
    expect(chooseSignInMethod({}, 'linux')).toBe('device');
    expect(chooseSignInMethod({ DISPLAY: '' }, 'freebsd')).toBe('device');
  });
});
