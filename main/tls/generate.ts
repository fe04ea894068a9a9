import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export interface GeneratedTls {
  /** The local CA's certificate: what clients trust (AWS_CA_BUNDLE, NODE_EXTRA_CA_CERTS). */
  caCert: string;
  /** The server certificate, followed by the CA, as served. */
  cert: string;
  /** The server's private key, PKCS#8 PEM. */
  key: string;
}

export const LOCAL_NAMES = { ips: ['127.0.0.1', '::1'], dns: ['localhost', 'host.docker.internal'] };

const DAY = 86_400_000;
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

function serial(): string {
  // Positive, 16 random bytes.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function pkcs8Pem(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/**
 * A small local CA and a server certificate it signs for the loopback names and the Docker host
 * name. The CA's key is discarded after signing: nothing else can ever be issued under it.
 */
export async function generateLocalTls(now: number, extraNames: { ips?: string[]; dns?: string[] } = {}): Promise<GeneratedTls> {
  const notBefore = new Date(now - DAY);
  const caKeys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=RoleTray local CA ${new Date(now).toISOString().slice(0, 10)}`,
    notBefore,
    notAfter: new Date(now + 825 * DAY),
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const serverKeys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const names = [
    ...[...LOCAL_NAMES.ips, ...(extraNames.ips ?? [])].map((value) => ({ type: 'ip' as const, value })),
    ...[...LOCAL_NAMES.dns, ...(extraNames.dns ?? [])].map((value) => ({ type: 'dns' as const, value })),
  ];
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=RoleTray local server',
    issuer: ca.subject,
    notBefore,
    // 397 days: the longest lifetime current browsers and OS trust stores accept for a server certificate.
    notAfter: new Date(now + 397 * DAY),
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const caCert = ca.toString('pem');
  return { caCert, cert: `${server.toString('pem')}\n${caCert}\n`, key: await pkcs8Pem(serverKeys.privateKey) };
}
