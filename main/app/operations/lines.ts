import { DEFAULT_PORT } from '../../../common/limits';
import { UserError } from '../../../common/user-error';
import { SCOPED_TTL_SECONDS } from '../../server/bearer-token';
import { containerEnvLines } from '../../server/container-access';
import { credentialProcessConfig, envLines, slotUrl, type TokenHint } from '../../server/env-lines';
import type { CoreParts } from '../core-types';
import { slotRegion } from '../slot-region';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';

export const TOKEN_PLACEHOLDER = '<token: use Copy, or Security > Show>';
/** Where container lines are shown rather than copied: each copy carries a fresh scoped token. */
export const SCOPED_PLACEHOLDER = '<a read-only token for this slot: use Copy container env>';

type LineOperations = Pick<OperationHandlers, 'envLines' | 'credentialProcessLines' | 'slotAccess'>;

/** The exact lines a person pastes: shell exports for the SDKs, and ~/.aws/config for credential_process. */
export function lineOperations(p: CoreParts, attempt: Attempt): LineOperations {
  const settings = p.deps.settings;
  return {
    envLines: ({ shell, slot, revealToken, container }) =>
      attempt(async () => {
        const status = p.service.server.status();
        if (!status.url) throw new UserError(`The server is not listening${status.error ? `: ${status.error}` : ''}`);
        const tokenFile = settings.get().tokenFile;
        let token: TokenHint | undefined;
        if (p.tokens.enabled && tokenFile) token = { file: tokenFile };
        else if (p.tokens.enabled) {
          // Lines on screen must not show the token; a copy the person asked for carries it.
          const value = revealToken ? await p.tokens.reveal() : undefined;
          token = { value: value ?? TOKEN_PLACEHOLDER };
        }
        const loaded = p.service.slots.get(slot ?? '');
        const region = loaded && slotRegion(loaded, settings.get(), p.view.catalogues);
        if (container) {
          if (status.addresses.length < 2 || !token) throw new UserError(p.control.plan().containerOff ?? 'Container access is off: turn it on under Server (it needs TLS and a token)');
          // Never the owner's token: a container gets one that reads this slot only, for at most 12 hours.
          const scoped = revealToken ? p.service.token.issue(slot ?? '', SCOPED_TTL_SECONDS.max).token : SCOPED_PLACEHOLDER;
          return containerEnvLines(shell, { port: status.port!, caFile: p.caFile, token: { value: scoped }, slot: slot || undefined, ...(region ? { region } : {}) });
        }
        return envLines(shell, { url: status.url, slot: slot || undefined, token, caFile: status.https ? p.caFile : undefined, ...(region ? { region } : {}) });
      }),

    slotAccess: (slot) =>
      attempt(async () => {
        const status = p.service.server.status();
        if (!status.url) throw new UserError(`The server is not listening${status.error ? `: ${status.error}` : ''}`);
        // This run's token (serve --token-file) when one was given, else the saved one.
        const token = p.tokens.enabled ? (p.deps.overrides?.token ?? (await p.tokens.reveal())) : undefined;
        const caFile = p.trustFile();
        return { url: slotUrl(status.url, slot || undefined), ...(token ? { token } : {}), ...(caFile ? { caFile } : {}) };
      }),

    credentialProcessLines: (slot) =>
      attempt(async () => {
        const status = p.service.server.status();
        if (!status.url) throw new UserError('The server is not listening');
        const url = new URL(status.url);
        // 127.0.0.1:4144 over http is the command's default; anything else is spelled out.
        const server = status.https ? status.url : url.port === String(DEFAULT_PORT) ? undefined : url.host;
        const tokenFile = p.tokens.enabled ? (settings.get().tokenFile ?? undefined) : undefined;
        const lines = credentialProcessConfig(slot, {
          ...(server ? { server } : {}),
          ...(tokenFile ? { tokenFile } : {}),
          ...(p.deps.cliCommand ? { command: p.deps.cliCommand } : {}),
        })
          .trimEnd()
          .split('\n');
        if (p.tokens.enabled && !tokenFile) lines.push('# the token: set ROLETRAY_TOKEN, or choose a token file under Security');
        return lines;
      }),
  };
}
