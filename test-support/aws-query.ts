import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The AWS query protocol as STS and IAM speak it (a signed form POST, XML answers), shared by
 * their stand-ins: the error they answer with, the XML writer, and the ids and secrets they make up.
 */

/** A refusal, as the service words it: HTTP status, error code and message. */
export class AwsQueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const invalidToken = () => new AwsQueryError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');

/** The services' own validation messages ("1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: …"). */
export class Validation {
  private readonly problems: string[] = [];
  check(field: string, value: string | undefined, rules: { required?: boolean; min?: number; max?: number; pattern?: string }): void {
    const shown = (v: string) => `Value '${v}' at '${field}' failed to satisfy constraint: Member must`;
    if (value === undefined) {
      if (rules.required) this.problems.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      return;
    }
    if (rules.min !== undefined && value.length < rules.min) this.problems.push(`${shown(value)} have length greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && value.length > rules.max) this.problems.push(`${shown(value)} have length less than or equal to ${rules.max}`);
    if (rules.pattern !== undefined && !new RegExp(`^${rules.pattern}$`).test(value)) this.problems.push(`${shown(value)} satisfy regular expression pattern: ${rules.pattern}`);
  }
  /** A whole number of seconds within the range; the default when absent. */
  seconds(field: string, value: string | undefined, min: number, max: number, fallback: number): number {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^-?\d+$/.test(value)) this.problems.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must be a whole number`);
    else if (n < min) this.problems.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
    else if (n > max) this.problems.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
    return n;
  }
  throwIfAny(): void {
    const n = this.problems.length;
    if (n > 0) throw new AwsQueryError(400, 'ValidationError', `${n} validation error${n === 1 ? '' : 's'} detected: ${this.problems.join('; ')}`);
  }
}

/** A value as the query protocol writes it: an array is a list of `<member>` elements. */
export type XmlValue = string | number | boolean | undefined | XmlValue[] | { [name: string]: XmlValue };

// Text nodes only (attributes are constants here); the services leave quotes as they are.
const escapeXml = (text: string) => text.replace(/[<>&]/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp' })[c]};`);

export function xml(name: string, value: XmlValue, depth: number, attributes = ''): string {
  const pad = '  '.repeat(depth);
  if (value === undefined) return '';
  if (typeof value !== 'object') return `${pad}<${name}${attributes}>${escapeXml(String(value))}</${name}>\n`;
  const children = Array.isArray(value)
    ? value.map((v) => xml('member', v, depth + 1)).join('')
    : Object.entries(value)
        .map(([child, v]) => xml(child, v, depth + 1))
        .join('');
  return `${pad}<${name}${attributes}>\n${children}${pad}</${name}>\n`;
}

/** The services' timestamps: UTC to the second, ending in Z. */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Upper-case base32, as the ids in AWS keys are. */
export const keyChars = (length: number) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from(randomBytes(length), (b) => alphabet[b % 32]).join('');
};
/** 40 characters of base64, as a secret access key is. */
export const newSecret = () => randomBytes(30).toString('base64');

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
