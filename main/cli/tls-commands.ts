import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ControlClient } from '../control/control-client';
import { envLines } from '../server/env-lines';
import { CA_FILE, openHeadlessConfig, tlsServiceOf } from './headless-config';
import { readTextFile, usageError, type CliIo } from './io';
import { configDirFor } from '../config-dir';
import { must, withWorkplace } from './owner';
import { pasteableToken } from './pasteable';
import { expandPath } from './paths';

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
With the app or \`roletray serve\` running for the directory, a change applies to it at once
(and the lines its clients need are printed again); otherwise from its next start.

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
  const configDir = configDirFor(values['config-dir'], io.env);
  const files = values.certificate && values['private-key'] ? { cert: expandPath('--certificate', values.certificate, io.env), key: expandPath('--private-key', values['private-key'], io.env) } : undefined;
  const out = (json: unknown, text: string) => io.stdout(values.json ? `${JSON.stringify(json)}\n` : text);
  return withWorkplace(configDir, 'ssl', (place) => (place.owner ? tlsThroughOwner(place.owner, action, files, configDir, io, out) : tlsHere(configDir, action, files, io, out)));
}

type Out = (json: unknown, text: string) => void;

/** The owner changes its TLS: the server follows at once, and the lines its clients need now are printed. */
async function tlsThroughOwner(owner: ControlClient, action: string, files: { cert: string; key: string } | undefined, configDir: string, io: CliIo, out: Out): Promise<number> {
  const caFile = join(configDir, CA_FILE);
  const info = async () => (await must(owner, 'getState')).tls.info;
  switch (action) {
    case 'save': {
      if (!files) throw usageError('save needs --certificate F and --private-key F');
      const { warnings } = await must(owner, 'saveTls', { cert: readTextFile(files.cert, 'certificate'), key: readTextFile(files.key, 'private key') });
      for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
      const saved = await info();
      out({ saved: true, info: saved, caFile }, `Saved the certificate for ${saved?.subject} (valid until ${saved?.validTo}).\n${trustLines(caFile)}`);
      break;
    }
    case 'generate': {
      await must(owner, 'generateTls');
      const made = await info();
      out({ saved: true, generated: true, info: made, caFile }, `Generated a local CA and a certificate for ${made?.subjectAltName} (valid until ${made?.validTo}).\n${trustLines(caFile)}`);
      break;
    }
    case 'print': {
      const { pem } = await must(owner, 'exportCa');
      out({ certificate: pem }, pem);
      return 0;
    }
    case 'delete':
      await must(owner, 'deleteTls');
      out({ saved: false }, 'Deleted the certificate and key; the server serves http.\n');
      break;
    case 'disable':
    case 'enable':
      await must(owner, 'setTlsDisabled', action === 'disable');
      out({ tlsDisabled: action === 'disable' }, action === 'disable' ? 'TLS is disabled: the server serves http; the certificate is kept.\n' : 'TLS is enabled (when a certificate is saved).\n');
      break;
    default: {
      const { tls } = await must(owner, 'getState');
      const problem = tls.warnings[0];
      const text = !tls.saved
        ? 'No certificate is saved: the server serves http.\n'
        : `Certificate for ${tls.info?.subject}, valid until ${tls.info?.validTo}; ${tls.disabled ? 'TLS is disabled' : problem ? `not served: ${problem}` : 'served over https'}.\n`;
      out({ saved: tls.saved, info: tls.info ?? null, tlsDisabled: tls.disabled, warnings: tls.warnings, caFile: tls.saved ? caFile : null }, text);
      return 0;
    }
  }
  const { server } = await must(owner, 'getState');
  if (server.url) {
    const lines = envLines('sh', { url: server.url, token: pasteableToken(server, configDir, io.env), caFile: server.caFile });
    io.stderr(`# The running RoleTray now serves ${server.url}; its clients use:\n${lines.map((l) => `#   ${l}`).join('\n')}\n`);
  }
  return 0;
}

async function tlsHere(configDir: string, action: string, files: { cert: string; key: string } | undefined, io: CliIo, out: Out): Promise<number> {
  const config = await openHeadlessConfig(configDir);
  for (const notice of config.settings.notices) io.stderr(`warning: ${notice}\n`);
  const service = tlsServiceOf(config);

  switch (action) {
    case 'save': {
      if (!files) throw usageError('save needs --certificate F and --private-key F');
      const cert = readTextFile(files.cert, 'certificate');
      const key = readTextFile(files.key, 'private key');
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
  if (action !== 'status' && action !== 'print') io.stderr('# RoleTray uses this from its next start (the app or `roletray serve`).\n');
  return 0;
}

function trustLines(caFile: string): string {
  // envLines knows the shell quoting; only its CA lines apply here.
  const lines = envLines('sh', { url: '', caFile }).filter((l) => /AWS_CA_BUNDLE|NODE_EXTRA_CA_CERTS/.test(l));
  // What each client was measured to do with a local CA (e2e/tls-client-trust.test.ts pins it).
  return (
    `For the clients that take a CA file:\n${lines.map((l) => `  ${l}`).join('\n')}\n` +
    'Trusted by the AWS SDK for JavaScript (NODE_EXTRA_CA_CERTS) and the AWS SDK for Go v1 (AWS_CA_BUNDLE).\n' +
    'The AWS CLI v2, boto3/botocore and the AWS SDK for Go v2 ignore AWS_CA_BUNDLE for container credentials\n' +
    'and refuse this certificate (Go v2 trusts it through SSL_CERT_FILE, a bundle that replaces the system CAs):\n' +
    'use http for them.\n'
  );
}
