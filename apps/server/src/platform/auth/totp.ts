// TOTP two-factor sign-in (RFC 6238: SHA-1, 6 digits, 30-second steps, ±1 step of clock drift)
// with one-time recovery codes. A code is accepted only for a step later than the last one used,
// so a code seen over a shoulder cannot be replayed.
import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { sha256Hex } from './keys.ts';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, account: string, issuer: string): string {
  return new OTPAuth.TOTP({
    issuer,
    label: account,
    secret,
    period: PERIOD,
    digits: 6,
    algorithm: 'SHA1',
  }).toString();
}

/** The time step a valid code belongs to, or undefined when the code is wrong or already used. */
export function verifyTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = new OTPAuth.TOTP({ secret, period: PERIOD, digits: 6, algorithm: 'SHA1' });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return undefined;
  return step;
}

export function totpCodeAt(secret: string, timestamp: number): string {
  return new OTPAuth.TOTP({ secret, period: PERIOD, digits: 6, algorithm: 'SHA1' }).generate({ timestamp });
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes of 12 characters (~59 bits each), shown once; only their hashes are stored. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

export function hashRecoveryCode(code: string): string {
  return sha256Hex(code.trim().toLowerCase().replaceAll(' ', ''));
}
