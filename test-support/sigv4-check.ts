import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * Checks a request's AWS Signature Version 4 the way an AWS service does: the signature is
 * computed again, with the caller's secret, over exactly the headers the caller says it signed,
 * by the SDK's own signer, and compared with the one sent.
 */

/** What an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header says. */
export interface SigV4Authorization {
  accessKeyId: string;
  /** yyyymmdd of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

/** The parts of an Authorization header; undefined when it is not a SigV4 one. */
export function parseAuthorization(header: string): SigV4Authorization | undefined {
  const m = AUTHORIZATION.exec(header.trim());
  if (!m) return undefined;
  return { accessKeyId: m[1]!, scopeDate: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: m[5]!.split(';'), signature: m[6]! };
}

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData) =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the signer takes. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

export interface SignedRequest {
  method: string;
  /** The request target as received: path and query. */
  target: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** X-Amz-Date's basic ISO 8601 form (20261201T123000Z) as a Date; undefined when it is not one. */
export function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

/** True when `auth.signature` is the one the secret gives for this request, signed at `signingDate`. */
export async function signatureMatches(request: SignedRequest, auth: SigV4Authorization, secretAccessKey: string, signingDate: Date): Promise<boolean> {
  const url = new URL(request.target, 'http://sigv4.invalid');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  // Only what the caller signed: a header it left out of SignedHeaders must not change the result.
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // The session token, when signed, is already among those headers; the checksum header likewise.
  const signer = new SignatureV4({ service: auth.service, region: auth.region, credentials: { accessKeyId: auth.accessKeyId, secretAccessKey }, sha256: NodeSha256, applyChecksum: false });
  const signed = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: '127.0.0.1', path: url.pathname, query, headers, body: request.body },
    { signingDate, signingRegion: auth.region, signingService: auth.service, signableHeaders: new Set(auth.signedHeaders) },
  );
  const authorization = signed.headers['authorization'] ?? '';
  return parseAuthorization(authorization)?.signature === auth.signature;
}
