import { openHeadlessSecretStore } from '../secrets/headless-secret-store';
import type { SsoCliDeps } from './sso-commands';

/** The SSO commands' real dependencies: the config directory's encrypted secret store, real time, SDK endpoint resolution. */
export const SSO_CLI: SsoCliDeps = { openSecrets: openHeadlessSecretStore };
