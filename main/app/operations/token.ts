import { UserError } from '../../../common/user-error';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';

type TokenOperations = Pick<OperationHandlers, 'generateToken' | 'setToken' | 'revealToken' | 'deleteToken' | 'setTokenFile'>;

/** The bearer token: made, set, shown on purpose, deleted, and kept in a file for clients. */
export function tokenOperations(p: CoreParts, attempt: Attempt): TokenOperations {
  const settings = p.deps.settings;
  return {
    generateToken: () =>
      attempt(async () => {
        await p.tokens.generate();
        p.changed();
      }),
    setToken: (value) =>
      attempt(async () => {
        await p.tokens.set(value);
        p.changed();
      }),
    revealToken: () =>
      attempt(async () => {
        const value = await p.tokens.reveal();
        if (value === undefined) throw new UserError('No bearer token is set');
        return value;
      }),
    deleteToken: () =>
      attempt(async () => {
        await p.tokens.delete();
        p.changed();
      }),
    setTokenFile: (path) =>
      attempt(async () => {
        await settings.update({ tokenFile: path });
        if (path !== null && p.tokens.enabled) await p.tokens.writeFile(path);
      }),
  };
}
