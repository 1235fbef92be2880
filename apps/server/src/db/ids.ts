// Ids are UUIDv7, made in the application: time-ordered (good for B-tree locality and cursor
// pagination) without a round trip to the database.
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

export function newId(): string {
  return uuidv7();
}

/** A secret from the CSPRNG: 256 bits, base64url. For tokens and codes, never a UUID. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
