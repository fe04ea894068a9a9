import type { SignInMethod } from '../../common/sign-in-method';

/**
 * How to sign in when the person did not say: in a browser here (PKCE) where one can open, else
 * with a device code they confirm on another device. Over SSH a browser would open on the far
 * machine, if at all; on Linux and the BSDs without X11 or Wayland there is none to open.
 */
export function chooseSignInMethod(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): SignInMethod {
  if (env.SSH_CONNECTION) return 'device';
  const hasDisplayServer = platform === 'darwin' || platform === 'win32' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  return hasDisplayServer ? 'pkce' : 'device';
}
