// main/tls: TLS certificates: validation of a saved pair, a generated local CA, the saved material.
// It may import secrets/ and common/; the core and the CLI use it, the server only receives its material.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { removeFile, writeFileAtomic } from '../secrets/atomic-file';
import type { SecretStore } from '../secrets/secret-store';
import { checkPair, type CertificateInfo } from './check-pair';
import type { TlsMaterial } from '../server/listener';
import { UserError } from '../../common/user-error';

export const TLS_SECRET = 'tls';

/** A certificate/key pair that cannot be used; the message names the problem. */
export class TlsError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'TlsError';
  }
}

/** What is kept in the secret store: the pair together, so they can never get out of step. */
interface StoredTls {
  cert: string;
  key: string;
  /** Set when RoleTray generated the pair: the local CA clients must trust. */
  caCert?: string;
}

export interface TlsStatus {
  saved: boolean;
  generated: boolean;
  info?: CertificateInfo;
  /** Why the saved pair is not usable now (e.g. it has expired since it was saved). */
  problem?: string;
}

export interface TlsServiceDeps {
  secrets: SecretStore;
  now: () => number;
  /** Told the material to serve (undefined: none). The caller restarts the listener with it. */
  onChange?: (tls: TlsMaterial | undefined) => Promise<unknown>;
  /** Kept up to date with what clients must trust, for AWS_CA_BUNDLE / NODE_EXTRA_CA_CERTS. */
  caFile?: string;
}

function parseStored(text: string | undefined): StoredTls | undefined {
  if (text === undefined) return undefined;
  const data = JSON.parse(text) as Partial<StoredTls>;
  if (typeof data.cert !== 'string' || typeof data.key !== 'string') return undefined;
  return { cert: data.cert, key: data.key, caCert: typeof data.caCert === 'string' ? data.caCert : undefined };
}

/**
 * Certificate and private key for https: save (checked first), generate a local CA and server
 * certificate, export what clients must trust (never the key), delete. Disabling TLS without
 * deleting is a setting (`tlsDisabled`), handled by ServerControl.
 */
export class TlsService {
  constructor(private readonly deps: TlsServiceDeps) {}

  /** The saved pair if it can be served now; a pair that expired since saving is not served. */
  async material(): Promise<TlsMaterial | undefined> {
    const stored = await this.stored();
    if (!stored || !checkPair(stored.cert, stored.key, this.deps.now()).ok) return undefined;
    return { cert: stored.cert, key: stored.key };
  }

  async status(): Promise<TlsStatus> {
    const stored = await this.stored();
    if (!stored) return { saved: false, generated: false };
    const check = checkPair(stored.cert, stored.key, this.deps.now());
    return check.ok
      ? { saved: true, generated: stored.caCert !== undefined, info: check.info }
      : { saved: true, generated: stored.caCert !== undefined, problem: check.error };
  }

  /** Saves a pair given as PEM text; refuses it with the reason when it cannot serve. Returns warnings (SANs). */
  async save(certPem: string, keyPem: string): Promise<{ info: CertificateInfo; warnings: string[] }> {
    const check = checkPair(certPem, keyPem, this.deps.now());
    if (!check.ok) throw new TlsError(check.error);
    await this.store({ cert: certPem, key: keyPem });
    return { info: check.info, warnings: check.warnings };
  }

  /** A new local CA and a server certificate for loopback and host.docker.internal, saved and served. */
  async generate(extraNames?: { ips?: string[]; dns?: string[] }): Promise<{ info: CertificateInfo; caCert: string }> {
    // Loaded on demand: the x509 library costs every CLI start ~150 ms, and few runs generate.
    const { generateLocalTls } = await import('./generate');
    const generated = await generateLocalTls(this.deps.now(), extraNames);
    const check = checkPair(generated.cert, generated.key, this.deps.now());
    if (!check.ok) throw new TlsError(`generated certificate failed its own check: ${check.error}`);
    await this.store({ cert: generated.cert, key: generated.key, caCert: generated.caCert });
    return { info: check.info, caCert: generated.caCert };
  }

  /** What a client should trust: the local CA for a generated pair, else the certificate (chain) itself. Never the key. */
  async certificate(): Promise<string | undefined> {
    const stored = await this.stored();
    const pem = stored && (stored.caCert ?? stored.cert);
    return pem === undefined || pem.endsWith('\n') ? pem : `${pem}\n`;
  }

  /** Writes `certificate()` to `path` (readable by others: it is public). */
  async exportCertificate(path: string): Promise<void> {
    const pem = await this.certificate();
    if (pem === undefined) throw new TlsError('No certificate is saved; save or generate one first.');
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, pem, 0o644);
  }

  /** Removes the pair; the server goes back to http. */
  async delete(): Promise<void> {
    await this.deps.onChange?.(undefined);
    await this.deps.secrets.delete(TLS_SECRET);
    if (this.deps.caFile) await removeFile(this.deps.caFile);
  }

  private async stored(): Promise<StoredTls | undefined> {
    return parseStored(await this.deps.secrets.get(TLS_SECRET));
  }

  private async store(stored: StoredTls): Promise<void> {
    await this.deps.secrets.set(TLS_SECRET, JSON.stringify(stored));
    if (this.deps.caFile) await this.exportCertificate(this.deps.caFile);
    await this.deps.onChange?.({ cert: stored.cert, key: stored.key });
  }
}
