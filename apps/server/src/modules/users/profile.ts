// A person's own profile fields (name, phone, email) read and written in one place for self-service
// correction, approved correction requests, export and erasure. The phone number is encrypted at
// rest (platform/crypto): it is encrypted and decrypted here, never handled raw by callers.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { decryptNullable, encryptNullable } from '../../platform/crypto/keyring.ts';

export interface ProfileKey {
  tenantId: string;
  userId: string;
}

export interface Profile {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  status: 'active' | 'deactivated';
  createdAt: Date;
  deactivatedAt: Date | null;
  erasedAt: Date | null;
  mfaEnabled: boolean;
  roles: string[];
}

export async function readProfile(tx: Tx, key: ProfileKey, opts: { lock?: boolean } = {}) {
  const lock = opts.lock ? sql`for update of u` : sql``;
  const rows = await sql<{
    id: string;
    email: string;
    name: string;
    phone: string | null;
    status: 'active' | 'deactivated';
    created_at: Date;
    deactivated_at: Date | null;
    erased_at: Date | null;
    totp_enabled_at: Date | null;
    roles: string[] | null;
  }>`select u.id, u.email, u.name, u.phone, u.status, u.created_at, u.deactivated_at, u.erased_at,
      u.totp_enabled_at,
      array(select ur.role_key from user_roles ur
             where ur.tenant_id = u.tenant_id and ur.user_id = u.id order by ur.role_key) as roles
    from users u where u.tenant_id = ${key.tenantId} and u.id = ${key.userId} ${lock}`.execute(tx);
  const r = rows.rows[0];
  if (!r) return undefined;
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    // Encrypted at rest (platform/crypto).
    phone: await decryptNullable(tx, key.tenantId, r.phone),
    status: r.status,
    createdAt: new Date(r.created_at),
    deactivatedAt: r.deactivated_at ? new Date(r.deactivated_at) : null,
    erasedAt: r.erased_at ? new Date(r.erased_at) : null,
    mfaEnabled: r.totp_enabled_at !== null,
    roles: r.roles ?? [],
  } satisfies Profile;
}

export interface ProfilePatch {
  name?: string | undefined;
  phone?: string | null | undefined;
  email?: string | undefined;
}

/** Writes the given fields; returns the names of the fields that actually changed. */
export async function writeProfile(tx: Tx, key: ProfileKey, patch: ProfilePatch): Promise<string[]> {
  const before = await readProfile(tx, key, { lock: true });
  if (!before) return [];
  const set: { name?: string; phone?: string | null; email?: string; updated_at: Date } = {
    updated_at: new Date(),
  };
  const changed: string[] = [];
  if (patch.name !== undefined && patch.name.trim() !== before.name) {
    set.name = patch.name.trim();
    changed.push('name');
  }
  if (patch.phone !== undefined && patch.phone !== before.phone) {
    set.phone = await encryptNullable(tx, key.tenantId, patch.phone);
    changed.push('phone');
  }
  if (patch.email !== undefined && patch.email.trim().toLowerCase() !== before.email) {
    set.email = patch.email.trim().toLowerCase();
    changed.push('email');
  }
  if (changed.length) {
    await tx
      .updateTable('users')
      .set(set)
      .where('tenant_id', '=', key.tenantId)
      .where('id', '=', key.userId)
      .execute();
  }
  return changed;
}

/** "Former user 7f3a": stable for a user id, and reveals nothing but that id's hash prefix. */
export function pseudonymOf(userId: string): string {
  return `Former user ${createHash('sha256').update(userId).digest('hex').slice(0, 4)}`;
}

/** The sign-in email an erased account keeps: unique per id, never deliverable (.invalid, RFC 2606). */
export function erasedEmailOf(userId: string): string {
  return `erased-${userId}@erased.invalid`;
}

/**
 * Replaces every personal field of the account with a pseudonym and drops its credentials. The row
 * itself stays so ledger and production rows keep a valid, now pseudonymous, owner id.
 */
export async function anonymiseProfile(tx: Tx, key: ProfileKey): Promise<number> {
  const result = await sql`update users set
      email = ${erasedEmailOf(key.userId)}, name = ${pseudonymOf(key.userId)}, phone = null,
      password_hash = null, password_change_required = false, status = 'deactivated',
      totp_secret = null, totp_pending_secret = null, totp_enabled_at = null, totp_last_step = null,
      recovery_code_hashes = '{}', deactivated_at = coalesce(deactivated_at, now()),
      erased_at = now(), updated_at = now()
    where tenant_id = ${key.tenantId} and id = ${key.userId}`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}
