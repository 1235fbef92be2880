import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import { Problem } from '../errors.ts';
import {
  assertAcceptablePassword,
  hashPassword,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordProblem,
  verifyPassword,
} from './passwords.ts';

// A long passphrase built from words that are not common passwords on their own.
const PASSPHRASE = 'lantern orbit vellum quietly harbours tangerine';

describe('password policy', () => {
  it('requires at least 8 characters', () => {
    expect(PASSWORD_MIN).toBe(8);
    expect(passwordProblem('vX7#qZ2')).toMatch(/at least 8/);
    expect(passwordProblem('vX7#qZ2m')).toBeUndefined();
  });

  it('allows up to 256 characters and refuses more', () => {
    expect(PASSWORD_MAX).toBe(256);
    const unit = 'kq7 ';
    expect(passwordProblem(unit.repeat(64))).toBeUndefined();
    expect(passwordProblem(`${unit.repeat(64)}x`)).toMatch(/at most 256/);
  });

  it('counts characters as Unicode code points, not UTF-16 units', () => {
    // Four emoji are eight UTF-16 units but only four characters.
    expect(passwordProblem('🦊🐙🌵🚲')).toMatch(/at least 8/);
    expect(passwordProblem('🦊🐙🌵🚲🦊🐙🌵🚲')).toBeUndefined();
  });

  it('accepts a 64-character password with spaces and Unicode, and it round-trips through the hash', async () => {
    const password = 'Straße am Fluß 🦊 grüne Äpfel und 🌵 Kaktus — vierundsechzig Zeich';
    expect([...password].length).toBe(64);
    expect(passwordProblem(password)).toBeUndefined();
    const hashed = await hashPassword(password);
    expect(await verifyPassword(hashed, password)).toBe(true);
    expect(await verifyPassword(hashed, password.replace('ß', 'ss'))).toBe(false);
  });

  it('treats the composed and decomposed forms of the same text as one password', async () => {
    const composed = 'café crème brûlée tonight';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const hashed = await hashPassword(composed);
    expect(await verifyPassword(hashed, decomposed)).toBe(true);
  });

  it.each(['Password1!', 'qwerty123', 'letmein', 'password', 'PASSWORD', 'iloveyou1', '12345678'])(
    'refuses the common password %j',
    (password) => {
      expect(passwordProblem(password)).toBeDefined();
      expect(() => assertAcceptablePassword(password)).toThrow(Problem);
    },
  );

  it('refuses every one of the 3,000 most common passwords', () => {
    const top = (dictionary['passwords-common'] as string[]).slice(0, 3000);
    expect(top).toHaveLength(3000);
    const accepted = top.filter((p) => passwordProblem(p) === undefined);
    expect(accepted).toEqual([]);
  });

  it('refuses common passwords of acceptable length as too common', () => {
    const longOnes = (dictionary['passwords-common'] as string[])
      .slice(0, 3000)
      .filter((p) => [...p].length >= PASSWORD_MIN);
    expect(longOnes.length).toBeGreaterThan(100);
    for (const p of longOnes) expect(passwordProblem(p)).toMatch(/too common/);
  });

  it('imposes no composition rule: a long all-lowercase passphrase passes', () => {
    expect(PASSPHRASE).toBe(PASSPHRASE.toLowerCase());
    expect(passwordProblem(PASSPHRASE)).toBeUndefined();
    expect(() => assertAcceptablePassword(PASSPHRASE)).not.toThrow();
  });

  it('reports a refusal as 422 weak_password naming the field', () => {
    let caught: unknown;
    try {
      assertAcceptablePassword('Password1!', 'newPassword');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Problem);
    const p = caught as Problem;
    expect(p.status).toBe(422);
    expect(p.code).toBe('weak_password');
    expect(p.toJSON()).toMatchObject({ errors: [{ path: '/newPassword' }] });
    expect(JSON.stringify(p.toJSON())).not.toContain('Password1!');
  });
});

describe('password hashing', () => {
  it('uses argon2id with 19 MiB, 2 passes and 1 lane', async () => {
    const hashed = await hashPassword(PASSPHRASE);
    expect(hashed.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
  });

  it('salts every hash, so the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSPHRASE), hashPassword(PASSPHRASE)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, PASSPHRASE)).toBe(true);
    expect(await verifyPassword(b, PASSPHRASE)).toBe(true);
  });

  it('does not verify a wrong password', async () => {
    const hashed = await hashPassword(PASSPHRASE);
    expect(await verifyPassword(hashed, `${PASSPHRASE}!`)).toBe(false);
    expect(await verifyPassword(hashed, PASSPHRASE.toUpperCase())).toBe(false);
    expect(await verifyPassword(hashed, '')).toBe(false);
  });

  it('answers false rather than throwing for a malformed hash', async () => {
    expect(await verifyPassword('not-a-hash', PASSPHRASE)).toBe(false);
  });
});
