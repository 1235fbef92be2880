// Signed checkpoints: the chain head signed with the server's key, for admins to keep outside the
// database. A database superuser can rewrite a whole chain consistently; they cannot make it agree
// with a checkpoint they never saw.
import { CompactSign, compactVerify } from 'jose';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withTenant } from '../../db/tenant.ts';
import type { KeyStore } from '../auth/keys.ts';
import { SIGNING_ALG } from '../auth/keys.ts';
import type { RequestContext } from '../context.ts';
import { defineErrors, problem } from '../errors.ts';
import { sealWorkspace, verifyChain } from './chain.ts';
import { recordAudit } from './record.ts';

const CHECKPOINT_TYPE = 'opsledger-audit-checkpoint+jws';

export interface CheckpointClaims {
  workspaceId: string;
  chainIndex: number;
  hash: string;
  at: string;
}

export async function signCheckpoint(keys: KeyStore, claims: CheckpointClaims): Promise<string> {
  const { kid, key } = await keys.signingKey();
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: CHECKPOINT_TYPE })
    .sign(key);
}

/** The checkpoint's claims when its signature is ours, else undefined. */
export async function readCheckpoint(keys: KeyStore, jws: string): Promise<CheckpointClaims | undefined> {
  try {
    const { payload, protectedHeader } = await compactVerify(
      jws,
      async (header) => {
        const key = await keys.anyPublicKey(header.kid);
        if (!key || header.alg !== SIGNING_ALG) throw new Error('unknown key');
        return key;
      },
      { algorithms: [SIGNING_ALG] },
    );
    if (protectedHeader.typ !== CHECKPOINT_TYPE) return undefined;
    const claims = JSON.parse(new TextDecoder().decode(payload)) as CheckpointClaims;
    if (
      typeof claims.workspaceId !== 'string' ||
      !Number.isInteger(claims.chainIndex) ||
      typeof claims.hash !== 'string'
    ) {
      return undefined;
    }
    return claims;
  } catch {
    return undefined;
  }
}

export const checkpointErrors = defineErrors({
  invalid_checkpoint: {
    status: 422,
    title: 'The checkpoint is not one this server signed for this workspace',
  },
});

/** Seals the chain, records that a checkpoint was taken, and signs the head. */
export async function createCheckpoint(db: Kysely<DB>, keys: KeyStore, ctx: RequestContext) {
  await sealWorkspace(db, ctx.tenantId);
  const head = await withTenant(db, ctx.tenantId, async (tx) => {
    const row = await tx
      .selectFrom('audit_heads')
      .select(['chain_index', 'hash'])
      .where('tenant_id', '=', ctx.tenantId)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'audit.checkpoint',
      entity: 'audit',
      entityId: String(row.chain_index),
      summary: { hash: row.hash },
    });
    return row;
  });
  const claims: CheckpointClaims = {
    workspaceId: ctx.tenantId,
    chainIndex: Number(head.chain_index),
    hash: head.hash,
    at: new Date().toISOString(),
  };
  return { ...claims, checkpoint: await signCheckpoint(keys, claims) };
}

/** Verifies the workspace's chain, and against a checkpoint when one is given. */
export async function verifyWithCheckpoint(db: Kysely<DB>, keys: KeyStore, tenantId: string, jws?: string) {
  if (jws === undefined) return verifyChain(db, tenantId);
  const claims = await readCheckpoint(keys, jws.trim());
  if (!claims || claims.workspaceId !== tenantId) throw problem('invalid_checkpoint');
  return verifyChain(db, tenantId, { chainIndex: claims.chainIndex, hash: claims.hash });
}
