// Signed checkpoints: the chain head signed with the server's key, for admins to keep outside the
// database. A database superuser can rewrite a whole chain consistently; they cannot make it agree
// with a checkpoint they never saw.
import { CompactSign, compactVerify } from 'jose';
import type { KeyStore } from '../auth/keys.ts';
import { SIGNING_ALG } from '../auth/keys.ts';

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
