import { UserError } from '../../../common/user-error';
import type { CoreParts } from '../core-types';
import type { OperationHandlers } from '../ipc-door';
import type { Attempt } from './attempt';
import { listenThenSave } from './settings';

type TlsOperations = Pick<OperationHandlers, 'saveTls' | 'generateTls' | 'exportCa' | 'deleteTls' | 'setTlsDisabled'>;

/** The TLS certificate: saved or generated, exported for clients (never the key), deleted, switched off. */
export function tlsOperations(p: CoreParts, attempt: Attempt): TlsOperations {
  return {
    saveTls: ({ cert, key }) =>
      attempt(async () => {
        const saved = await p.tls.save(cert, key);
        await p.refreshTlsView();
        return { warnings: saved.warnings };
      }),
    generateTls: () =>
      attempt(async () => {
        await p.tls.generate();
        await p.refreshTlsView();
      }),
    exportCa: () =>
      attempt(async () => {
        const pem = await p.tls.certificate();
        if (pem === undefined) throw new UserError('No certificate is saved; save or generate one first');
        return { pem, path: p.caFile };
      }),
    deleteTls: () =>
      attempt(async () => {
        await p.tls.delete();
        await p.refreshTlsView();
      }),
    setTlsDisabled: (disabled) =>
      attempt(async () => {
        await listenThenSave(p, { tlsDisabled: disabled });
        await p.refreshTlsView();
      }),
  };
}
