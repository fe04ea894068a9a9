import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';

export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  subjectAltName: string;
  selfSigned: boolean;
}

export type PairCheck =
  | { ok: true; info: CertificateInfo; warnings: string[] }
  | { ok: false; error: string };

function parseKey(pem: string): KeyObject | string {
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch (err) {
    const msg = (err as Error).message;
    if (/passphrase/i.test(msg)) return 'The private key is encrypted; save it without a passphrase';
    return 'The private key is not a PEM private key (PKCS#8, PKCS#1 or SEC1)';
  }
}

/**
 * Checks a certificate and private key before they are saved (PROTOCOL.md, TLS): both parse,
 * the key belongs to the certificate, the certificate is valid now. A certificate that does not
 * name 127.0.0.1 / localhost is allowed with a warning, since clients will refuse it.
 */
export function checkPair(certPem: string, keyPem: string, now: number): PairCheck {
  if (/PRIVATE KEY-----/.test(certPem)) {
    return { ok: false, error: 'The certificate field holds a private key; paste the certificate (BEGIN CERTIFICATE)' };
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    return { ok: false, error: 'The certificate is not a PEM X.509 certificate (BEGIN CERTIFICATE)' };
  }
  const key = parseKey(keyPem);
  if (typeof key === 'string') return { ok: false, error: key };
  if (!cert.checkPrivateKey(key)) return { ok: false, error: 'The private key does not match the certificate' };
  const validTo = Date.parse(cert.validTo);
  const validFrom = Date.parse(cert.validFrom);
  if (validTo <= now) return { ok: false, error: `The certificate expired on ${new Date(validTo).toISOString()}` };
  if (validFrom > now) return { ok: false, error: `The certificate is not valid before ${new Date(validFrom).toISOString()}` };

  const warnings: string[] = [];
  if (!cert.checkIP('127.0.0.1')) warnings.push('The certificate does not cover 127.0.0.1: clients using http://127.0.0.1 will refuse it');
  if (!cert.checkHost('localhost')) warnings.push('The certificate does not cover localhost');
  return {
    ok: true,
    warnings,
    info: {
      subject: cert.subject,
      issuer: cert.issuer,
      validFrom: new Date(validFrom).toISOString(),
      validTo: new Date(validTo).toISOString(),
      fingerprint256: cert.fingerprint256,
      subjectAltName: cert.subjectAltName ?? '',
      selfSigned: cert.checkIssued(cert),
    },
  };
}
