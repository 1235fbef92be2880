// Signing keys for access tokens and audit checkpoints. Keys are Ed25519 (EdDSA), kept in the
// database so every server process signs and verifies with the same set, and identified by `kid`.
// Rotation adds a new key that signs from then on; older keys keep verifying until every token
// they signed has expired (retire_at), so nobody is logged out. Only keys from this store are
// ever used: token headers naming keys (jku, x5u, jwk) are ignored.
import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withSystem } from '../../db/tenant.ts';
import { keyring } from '../crypto/keyring.ts';

export const SIGNING_ALG = 'EdDSA';
type Key = CryptoKey | Uint8Array;

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  publicKey: Key;
  privateKey: Key;
  createdAt: Date;
  retireAt: Date | null;
}

const RELOAD_EVERY_MS = 60_000;
const MIN_RELOAD_GAP_MS = 2_000;

export class KeyStore {
  private keys: LoadedKey[] = [];
  private loadedAt = 0;

  constructor(private readonly db: Kysely<DB>) {}

  async load(): Promise<void> {
    const rows = await withSystem(this.db, (tx) => tx.selectFrom('signing_keys').selectAll().execute());
    this.keys = await Promise.all(
      rows.map(async (row) => ({
        kid: row.kid,
        publicJwk: row.public_jwk as JWK,
        publicKey: await importJWK(row.public_jwk as JWK, row.alg),
        // Private keys are sealed under the master key (platform/crypto); the database never holds them in clear.
        privateKey: await importJWK(keyring().openPrivateJwk(row.kid, row.private_jwk) as JWK, row.alg),
        createdAt: row.created_at,
        retireAt: row.retire_at,
      })),
    );
    this.loadedAt = Date.now();
  }

  /** Loads the keys, creating the first one on a new deployment. */
  async init(): Promise<void> {
    await this.load();
    if (!this.activeKeys().length) await this.rotate(0);
  }

  private activeKeys(now = Date.now()): LoadedKey[] {
    return this.keys
      .filter((k) => k.retireAt === null || k.retireAt.getTime() > now)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.kid.localeCompare(a.kid));
  }

  private async reloadIfStale(force: boolean): Promise<void> {
    const age = Date.now() - this.loadedAt;
    if (age > RELOAD_EVERY_MS || (force && age > MIN_RELOAD_GAP_MS)) await this.load();
  }

  async signingKey(): Promise<{ kid: string; key: Key }> {
    await this.reloadIfStale(false);
    if (!this.activeKeys().length) await this.init();
    const newest = this.activeKeys()[0];
    if (!newest) throw new Error('no signing key');
    return { kid: newest.kid, key: newest.privateKey };
  }

  /** The public key for a token's kid, only while that key is active. */
  async verificationKey(kid: string | undefined): Promise<Key | undefined> {
    if (!kid) return undefined;
    await this.reloadIfStale(false);
    let found = this.activeKeys().find((k) => k.kid === kid);
    if (!found) {
      await this.reloadIfStale(true);
      found = this.activeKeys().find((k) => k.kid === kid);
    }
    return found?.publicKey;
  }

  /** Any key ever used, retired or not: audit checkpoints must verify for years. */
  async anyPublicKey(kid: string | undefined): Promise<Key | undefined> {
    if (!kid) return undefined;
    let found = this.keys.find((k) => k.kid === kid);
    if (!found) {
      await this.load();
      found = this.keys.find((k) => k.kid === kid);
    }
    return found?.publicKey;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    await this.reloadIfStale(false);
    return {
      keys: this.activeKeys().map((k) => ({ ...k.publicJwk, kid: k.kid, alg: SIGNING_ALG, use: 'sig' })),
    };
  }

  /**
   * Adds a new signing key. Older keys retire after `graceSeconds` (at least one access-token
   * lifetime), during which the tokens they signed stay valid.
   */
  async rotate(graceSeconds: number): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, {
      crv: 'Ed25519',
      extractable: true,
    });
    const publicJwk = await exportJWK(publicKey);
    const privateJwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    await withSystem(this.db, async (tx) => {
      await tx
        .updateTable('signing_keys')
        .set({ retire_at: new Date(Date.now() + graceSeconds * 1000) })
        .where('retire_at', 'is', null)
        .execute();
      await tx
        .insertInto('signing_keys')
        .values({
          kid,
          alg: SIGNING_ALG,
          public_jwk: JSON.stringify(publicJwk),
          private_jwk: JSON.stringify(keyring().sealPrivateJwk(kid, privateJwk)),
        })
        .execute();
    });
    await this.load();
    return kid;
  }
}

/** A short fingerprint of a secret for logs and lookups; never the secret itself. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
