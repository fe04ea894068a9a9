import { openHeadlessSecrets } from './headless-config';
import type { SsoCliDeps } from './sso-commands';

/** The SSO commands' real dependencies: the config directory's encrypted secret store (refused when it is the app's), real time, SDK endpoint resolution. */
export const SSO_CLI: SsoCliDeps = { openSecrets: (dir) => openHeadlessSecrets(dir) };
