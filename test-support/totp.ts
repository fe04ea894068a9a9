import { Secret, TOTP } from 'otpauth';

/**
 * TOTP (RFC 6238) as a virtual MFA device computes it: SHA-1, 6 digits, 30-second steps, the
 * secret in base32 as an authenticator app is given it. The STS stand-in checks codes with it and
 * tests compute the codes a person would type.
 */

const PERIOD_MS = 30_000;

const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD_MS / 1000 });

/** A new device secret (160 random bits, base32), as IAM generates for a virtual MFA device. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The code the device shows at `at` (epoch ms). */
export function totpCode(secret: string, at: number): string {
  return totp(secret).generate({ timestamp: at });
}

/**
 * The time step a code belongs to, when it is the code of the step at `at` or of the one just
 * before or after it (the clock drift a device is allowed); undefined when it is no such code.
 */
export function totpStep(secret: string, code: string, at: number): number | undefined {
  const delta = totp(secret).validate({ token: code, timestamp: at, window: 1 });
  return delta === null ? undefined : Math.floor(at / PERIOD_MS) + delta;
}
