import { parseArgs } from 'node:util';
import { envLines } from '../server/env-lines';
import { openHeadlessConfig, tlsServiceOf } from './headless-config';
import { readTextFile, usageError, type CliIo } from './io';
import { configDirFor } from '../config-dir';

export const TLS_HELP = `Usage: roletray ssl <action> [--config-dir D] [--json]   (alias: tls)

  save --certificate F --private-key F   save a PEM certificate and key (checked first)
  generate                               create a local CA and a certificate for 127.0.0.1,
                                         localhost and host.docker.internal, and save them
  print                                  print what clients must trust (the local CA for a
                                         generated pair, else the certificate); never the key
  delete                                 delete the certificate and key: the server serves http
  disable | enable                       serve http / https without deleting anything
  (none)                                 show the saved certificate and whether TLS is on

The private key is kept encrypted in the configuration directory; the certificate clients trust is
also written to <config dir>/roletray-ca.pem for AWS_CA_BUNDLE / NODE_EXTRA_CA_CERTS.
\`roletray serve\` uses all this from its next start.

Python clients (boto3, botocore, the pip AWS CLI) ignore AWS_CA_BUNDLE for container credentials
(boto3 issue 4188): over https they fail with a locally generated certificate. Use http for them.
`;

export async function tls(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      certificate: { type: 'string' },
      'private-key': { type: 'string' },
      'config-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return (io.stdout(TLS_HELP), 0);
  const [action = 'status', ...extra] = positionals;
  if (extra.length) throw usageError(`unexpected "${extra.join(' ')}"`);
  if (!['status', 'save', 'generate', 'print', 'delete', 'disable', 'enable'].includes(action)) {
    throw usageError(`unknown action "${action}" (save, generate, print, delete, disable, enable)`);
  }
  if (action !== 'save' && (values.certificate || values['private-key'])) throw usageError('--certificate and --private-key go with save');

  const config = await openHeadlessConfig(configDirFor(values['config-dir'], io.env));
  for (const notice of config.settings.notices) io.stderr(`warning: ${notice}\n`);
  const service = tlsServiceOf(config);
  const out = (json: unknown, text: string) => io.stdout(values.json ? `${JSON.stringify(json)}\n` : text);

  switch (action) {
    case 'save': {
      if (!values.certificate || !values['private-key']) throw usageError('save needs --certificate F and --private-key F');
      const cert = readTextFile(values.certificate, 'certificate');
      const key = readTextFile(values['private-key'], 'private key');
      const { info, warnings } = await service.save(cert, key);
      for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
      out({ saved: true, info, caFile: config.caFile }, `Saved the certificate for ${info.subject} (valid until ${info.validTo}).\n${trustLines(config.caFile)}`);
      break;
    }
    case 'generate': {
      const { info } = await service.generate();
      out({ saved: true, generated: true, info, caFile: config.caFile }, `Generated a local CA and a certificate for ${info.subjectAltName} (valid until ${info.validTo}).\n${trustLines(config.caFile)}`);
      break;
    }
    case 'print': {
      const pem = await service.certificate();
      if (pem === undefined) throw usageError('no certificate is saved (roletray ssl save or roletray ssl generate)');
      out({ certificate: pem }, pem);
      break;
    }
    case 'delete':
      await service.delete();
      out({ saved: false }, 'Deleted the certificate and key; the server serves http.\n');
      break;
    case 'disable':
    case 'enable':
      await config.settings.update({ tlsDisabled: action === 'disable' });
      out({ tlsDisabled: action === 'disable' }, action === 'disable' ? 'TLS is disabled: the server serves http; the certificate is kept.\n' : 'TLS is enabled (when a certificate is saved).\n');
      break;
    default: {
      const status = await service.status();
      const tlsDisabled = config.settings.get().tlsDisabled;
      const text = !status.saved
        ? 'No certificate is saved: the server serves http.\n'
        : status.problem
          ? `A certificate is saved but cannot be used: ${status.problem}.\n`
          : `Certificate for ${status.info?.subject} (${status.generated ? 'generated, local CA' : 'saved'}), valid until ${status.info?.validTo}; ${tlsDisabled ? 'TLS is disabled' : 'served over https'}.\n`;
      out({ ...status, tlsDisabled, caFile: status.saved ? config.caFile : null }, text);
    }
  }
  if (action !== 'status' && action !== 'print') io.stderr('# A running `roletray serve` uses this from its next start.\n');
  return 0;
}

function trustLines(caFile: string): string {
  // envLines knows the shell quoting; only its CA lines apply here.
  const lines = envLines('sh', { url: '', caFile }).filter((l) => /AWS_CA_BUNDLE|NODE_EXTRA_CA_CERTS/.test(l));
  return `Clients trust it with:\n${lines.map((l) => `  ${l}`).join('\n')}\n(Python clients ignore AWS_CA_BUNDLE for container credentials; see roletray ssl --help.)\n`;
}
