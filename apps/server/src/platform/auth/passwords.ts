// Password policy (ASVS 6.2): 8–256 characters counted as Unicode code points, no composition
// rules, and never one of the 10,000 most common passwords — also after stripping the digits and
// symbols people bolt onto a common word ("Password1!" is "password"). Hashing is argon2id with
// the OWASP-recommended parameters (19 MiB, 2 passes, 1 lane).
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { defineErrors, problem } from '../errors.ts';

export const passwordErrors = defineErrors({
  weak_password: { status: 422, title: 'Choose a different password' },
});

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
const COMMON_COUNT = 10_000;

// Argon2id algorithm id in @node-rs/argon2 (Algorithm.Argon2id; the enum is const and cannot be
// imported under isolatedModules).
const ARGON2ID = 2;
export const ARGON2_PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

const common = new Set((dictionary['passwords-common'] as string[]).slice(0, COMMON_COUNT));

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return core.length > 0 && core !== lower && common.has(core);
}

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters (15 or more is better).`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (isCommon(password)) return 'This password is too common; pick something less guessable.';
  return undefined;
}

export function assertAcceptablePassword(password: string, field = 'password'): void {
  const reason = passwordProblem(password);
  if (reason) throw problem('weak_password', reason, { errors: [{ path: `/${field}`, message: reason }] });
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps a wrong email as slow as a wrong
// password, so response time does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that never matches anything');
  return decoyHash;
}
