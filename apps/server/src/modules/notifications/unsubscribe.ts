// One-click unsubscribe tokens: who, which workspace, which category and until when, MAC'd with a
// key derived from the workspace's data key. They work without a session (RFC 8058) and expire.
import { timingSafeEqual } from 'node:crypto';
import { isUuid } from '../../db/ids.ts';
import type { Tx } from '../../db/tenant.ts';
import { keyring } from '../../platform/crypto/keyring.ts';
import { type Category, isCategory } from './categories.ts';

export const UNSUBSCRIBE_TTL_SECONDS = 60 * 86400;
const PURPOSE = 'unsubscribe';

export interface UnsubscribeClaims {
  tenantId: string;
  userId: string;
  category: Category;
  expiresAt: number;
}

export async function unsubscribeToken(
  tx: Tx,
  claims: Omit<UnsubscribeClaims, 'expiresAt'>,
  now = Date.now(),
): Promise<string> {
  const payload = Buffer.from(
    JSON.stringify({
      t: claims.tenantId,
      u: claims.userId,
      c: claims.category,
      e: Math.floor(now / 1000) + UNSUBSCRIBE_TTL_SECONDS,
    }),
  ).toString('base64url');
  const mac = await keyring().mac(tx, claims.tenantId, PURPOSE, payload);
  return `${payload}.${mac.toString('base64url')}`;
}

/** The workspace a token claims to belong to (unverified: only to pick the key that verifies it). */
export function claimedTenant(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
      t?: unknown;
    };
    return typeof claims.t === 'string' && isUuid(claims.t) ? claims.t : undefined;
  } catch {
    return undefined;
  }
}

export async function verifyUnsubscribeToken(
  tx: Tx,
  token: string,
  now = Date.now(),
): Promise<UnsubscribeClaims | undefined> {
  const [payload, mac] = token.split('.');
  const tenantId = claimedTenant(token);
  if (!payload || !mac || !tenantId) return undefined;
  const expected = await keyring().mac(tx, tenantId, PURPOSE, payload);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    u: string;
    c: string;
    e: number;
  };
  if (!isCategory(claims.c) || claims.e * 1000 < now) return undefined;
  return { tenantId, userId: claims.u, category: claims.c, expiresAt: claims.e };
}
