// Column encryption at rest. Each workspace has a data key (AES-256) stored in data_keys wrapped by
// the master key (AES-256-GCM); sensitive columns hold `enc:v1:<key version>:<base64url iv|tag|ct>`,
// authenticated with the workspace id, so raw SQL (or a stolen backup without the master key) sees
// only ciphertext, and a value copied into another workspace's row does not decrypt.
//
// The keyring is process-wide, like the environment it comes from: buildApp and the CLI install it
// once, and any service can call encryptField/decryptField inside its own transaction without the
// key being threaded through every signature.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Tx, withSystem } from '../../db/tenant.ts';
import { loadMasterKeys, type MasterKeySource, type MasterKeys, writeKeyFile } from './master-key.ts';

const FIELD_PREFIX = 'enc:v1:';
const SECRET_PREFIX = 'm1:';

function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 28) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(FIELD_PREFIX);
}

export class Keyring {
  private masters: MasterKeys;
  /** Only keys read back from committed rows are cached (a key created in a rolled-back
   *  transaction must never be reused). */
  private readonly dataKeys = new Map<string, Map<number, Buffer>>();

  constructor(private readonly source: MasterKeySource) {
    this.masters = loadMasterKeys(source);
  }

  get primaryId(): string {
    return this.masters.primaryId;
  }

  get generatedKeyFile(): string | undefined {
    return this.masters.generated ? this.masters.file : undefined;
  }

  private master(id: string): Buffer {
    let key = this.masters.keys.get(id);
    if (!key) {
      // Another process may have rotated the key file since we read it.
      this.masters = loadMasterKeys(this.source);
      key = this.masters.keys.get(id);
    }
    if (!key) throw new Error(`master key ${id} is not configured; data wrapped by it cannot be read`);
    return key;
  }

  private wrap(dataKey: Buffer, aad: string): { wrapped: string; masterId: string } {
    const id = this.masters.primaryId;
    return { wrapped: seal(this.master(id), dataKey, aad).toString('base64'), masterId: id };
  }

  private unwrap(wrapped: string, masterId: string, aad: string): Buffer {
    return open(this.master(masterId), Buffer.from(wrapped, 'base64'), aad);
  }

  /** Creates the workspace's first data key, inside the transaction that creates the workspace. */
  async createDataKey(tx: Tx, tenantId: string): Promise<void> {
    const { wrapped, masterId } = this.wrap(randomBytes(32), `data-key:${tenantId}:1`);
    await tx
      .insertInto('data_keys')
      .values({ tenant_id: tenantId, version: 1, wrapped, master_id: masterId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  private async dataKey(
    tx: Tx,
    tenantId: string,
    version?: number,
  ): Promise<{ version: number; key: Buffer }> {
    const cached = this.dataKeys.get(tenantId);
    if (cached && version !== undefined && cached.has(version)) return { version, key: cached.get(version)! };
    if (cached && version === undefined && cached.size) {
      const newest = Math.max(...cached.keys());
      return { version: newest, key: cached.get(newest)! };
    }
    let query = tx
      .selectFrom('data_keys')
      .select(['version', 'wrapped', 'master_id'])
      .where('tenant_id', '=', tenantId)
      .orderBy('version', 'desc')
      .limit(1);
    if (version !== undefined) query = query.where('version', '=', version);
    let row = await query.executeTakeFirst();
    let createdHere = false;
    if (!row && version === undefined) {
      // A workspace from before encryption existed, reached before startup gave it a key.
      await this.createDataKey(tx, tenantId);
      createdHere = true;
      row = await query.executeTakeFirst();
    }
    if (!row) throw new Error(`workspace ${tenantId} has no data key ${version ?? ''}`);
    const key = this.unwrap(row.wrapped, row.master_id, `data-key:${tenantId}:${row.version}`);
    if (!createdHere) {
      const map = this.dataKeys.get(tenantId) ?? new Map<number, Buffer>();
      map.set(row.version, key);
      this.dataKeys.set(tenantId, map);
    }
    return { version: row.version, key };
  }

  async encryptField(tx: Tx, tenantId: string, plaintext: string): Promise<string> {
    const { version, key } = await this.dataKey(tx, tenantId);
    const sealed = seal(key, Buffer.from(plaintext, 'utf8'), `field:${tenantId}`);
    return `${FIELD_PREFIX}${version}:${sealed.toString('base64url')}`;
  }

  async decryptField(tx: Tx, tenantId: string, stored: string): Promise<string> {
    if (!isEncrypted(stored)) throw new Error('value is not encrypted');
    const rest = stored.slice(FIELD_PREFIX.length);
    const colon = rest.indexOf(':');
    const version = Number(rest.slice(0, colon));
    const { key } = await this.dataKey(tx, tenantId, version);
    return open(key, Buffer.from(rest.slice(colon + 1), 'base64url'), `field:${tenantId}`).toString('utf8');
  }

  /** A MAC key for this workspace derived from its data key (e.g. unsubscribe links), so it
   *  survives master-key rotation and differs per workspace. */
  async macKey(tx: Tx, tenantId: string, purpose: string): Promise<Buffer> {
    const { key } = await this.dataKey(tx, tenantId, 1);
    return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `opsledger ${purpose}`, 32));
  }

  async mac(tx: Tx, tenantId: string, purpose: string, message: string): Promise<Buffer> {
    return createHmac('sha256', await this.macKey(tx, tenantId, purpose))
      .update(message)
      .digest();
  }

  /** Deployment-wide secrets (signing keys) are sealed directly under the master key. */
  sealSecret(plaintext: string, aad: string): string {
    const id = this.masters.primaryId;
    return `${SECRET_PREFIX}${id}:${seal(this.master(id), Buffer.from(plaintext, 'utf8'), aad).toString('base64')}`;
  }

  openSecret(stored: string, aad: string): string {
    if (!stored.startsWith(SECRET_PREFIX)) throw new Error('secret is not sealed');
    const [id, b64] = stored.slice(SECRET_PREFIX.length).split(':');
    return open(this.master(id!), Buffer.from(b64!, 'base64'), aad).toString('utf8');
  }

  /** Which master key sealed a secret. */
  static secretMasterId(stored: string): string | undefined {
    return stored.startsWith(SECRET_PREFIX) ? stored.slice(SECRET_PREFIX.length).split(':')[0] : undefined;
  }

  /**
   * Starts using a new master key: with a key file, appends a freshly generated key (older lines
   * stay, for servers that have not re-read the file yet and for restoring older backups); with
   * OPSLEDGER_MASTER_KEY the operator has already made the new key primary.
   */
  addMasterKey(): { primaryId: string; generated: boolean } {
    if (!this.masters.file) return { primaryId: this.masters.primaryId, generated: false };
    const current = [...this.masters.keys.values()];
    writeKeyFile(this.masters.file, [...current, randomBytes(32)]);
    this.masters = loadMasterKeys(this.source);
    return { primaryId: this.masters.primaryId, generated: true };
  }

  /** Seals signing keys stored before encryption existed (in place; the keys are unchanged). */
  async sealPlaintextSigningKeys(db: Kysely<DB>): Promise<void> {
    await withSystem(db, async (tx) => {
      const keys = await tx.selectFrom('signing_keys').select(['kid', 'private_jwk']).forUpdate().execute();
      for (const key of keys) {
        if ((key.private_jwk as { sealed?: string }).sealed) continue;
        await tx
          .updateTable('signing_keys')
          .set({ private_jwk: JSON.stringify(this.sealPrivateJwk(key.kid, key.private_jwk)) })
          .where('kid', '=', key.kid)
          .execute();
      }
    });
  }

  sealPrivateJwk(kid: string, jwk: unknown): { sealed: string } {
    return { sealed: this.sealSecret(JSON.stringify(jwk), `signing-key:${kid}`) };
  }

  /** The private JWK from its stored form (sealed, or plain from before encryption existed). */
  openPrivateJwk(kid: string, stored: unknown): unknown {
    const sealed = (stored as { sealed?: string }).sealed;
    return sealed ? JSON.parse(this.openSecret(sealed, `signing-key:${kid}`)) : stored;
  }

  /** Re-wraps every workspace's data keys and every signing key under the primary master key, in
   *  one transaction whose row locks no reader waits for, so servers keep working throughout; the
   *  data keys themselves (and so every encrypted column) are unchanged. */
  async rewrapAll(db: Kysely<DB>): Promise<{ dataKeys: number; signingKeys: number }> {
    const primary = this.masters.primaryId;
    let dataKeys = 0;
    let signingKeys = 0;
    await withSystem(db, async (tx) => {
      const rows = await tx
        .selectFrom('data_keys')
        .select(['tenant_id', 'version', 'wrapped', 'master_id'])
        .where('master_id', '<>', primary)
        .forUpdate()
        .execute();
      for (const row of rows) {
        const aad = `data-key:${row.tenant_id}:${row.version}`;
        const { wrapped, masterId } = this.wrap(this.unwrap(row.wrapped, row.master_id, aad), aad);
        await tx
          .updateTable('data_keys')
          .set({ wrapped, master_id: masterId, rewrapped_at: new Date() })
          .where('tenant_id', '=', row.tenant_id)
          .where('version', '=', row.version)
          .execute();
        dataKeys++;
      }
      const keys = await tx.selectFrom('signing_keys').select(['kid', 'private_jwk']).forUpdate().execute();
      for (const key of keys) {
        const sealedJwk = key.private_jwk as { sealed?: string };
        if (sealedJwk.sealed && Keyring.secretMasterId(sealedJwk.sealed) === primary) continue;
        const jwk = this.openPrivateJwk(key.kid, key.private_jwk);
        await tx
          .updateTable('signing_keys')
          .set({ private_jwk: JSON.stringify(this.sealPrivateJwk(key.kid, jwk)) })
          .where('kid', '=', key.kid)
          .execute();
        signingKeys++;
      }
    });
    return { dataKeys, signingKeys };
  }
}

let installed: Keyring | undefined;

/** Makes this keyring the process's (buildApp and the CLI call it at start). */
export function installKeyring(keyring: Keyring): void {
  installed = keyring;
}

export function keyring(): Keyring {
  if (!installed) throw new Error('no keyring installed: buildApp or the CLI installs one at start');
  return installed;
}

/** Encrypts a sensitive column's value for this workspace, inside the caller's transaction. */
export function encryptField(tx: Tx, tenantId: string, plaintext: string): Promise<string> {
  return keyring().encryptField(tx, tenantId, plaintext);
}

export function decryptField(tx: Tx, tenantId: string, stored: string): Promise<string> {
  return keyring().decryptField(tx, tenantId, stored);
}

/** Null-preserving helpers for nullable columns. */
export async function encryptNullable(
  tx: Tx,
  tenantId: string,
  value: string | null,
): Promise<string | null> {
  return value === null ? null : encryptField(tx, tenantId, value);
}

export async function decryptNullable(
  tx: Tx,
  tenantId: string,
  value: string | null,
): Promise<string | null> {
  if (value === null) return null;
  // Values written before encryption was switched on are encrypted by the startup backfill; until
  // then they read as they are.
  return isEncrypted(value) ? decryptField(tx, tenantId, value) : value;
}
