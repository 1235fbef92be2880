// Access tokens: EdDSA-signed JWTs of type `at+jwt`, bound to a session (`sid`) and workspace
// (`ws`). Verification pins the algorithm, issuer, audience and type, and takes the key only from
// our own KeyStore by `kid` — never from the token.
import { randomBytes } from 'node:crypto';
import { type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { type KeyStore, SIGNING_ALG } from './keys.ts';

export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface AccessClaims {
  userId: string;
  tenantId: string;
  sessionId: string;
}

export interface TokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export async function signAccessToken(
  keys: KeyStore,
  settings: TokenSettings,
  claims: AccessClaims,
): Promise<string> {
  const { kid, key } = await keys.signingKey();
  return new SignJWT({ ws: claims.tenantId, sid: claims.sessionId })
    .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: ACCESS_TOKEN_TYPE })
    .setSubject(claims.userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(`${settings.ttlSeconds}s`)
    .setJti(randomBytes(16).toString('base64url'))
    .sign(key);
}

function isUuidClaim(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value);
}

/** The verified claims, or undefined for any token that is not one of ours and current. */
export async function verifyAccessToken(
  keys: KeyStore,
  settings: TokenSettings,
  token: string,
): Promise<AccessClaims | undefined> {
  try {
    const { payload } = await jwtVerify<JWTPayload & { ws?: unknown; sid?: unknown }>(
      token,
      async (header) => {
        if (header.alg !== SIGNING_ALG) throw new Error('algorithm not allowed');
        const key = await keys.verificationKey(header.kid);
        if (!key) throw new Error('unknown key');
        return key;
      },
      {
        algorithms: [SIGNING_ALG],
        issuer: settings.issuer,
        audience: settings.audience,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['exp', 'iat', 'sub', 'nbf'],
        clockTolerance: 5,
      },
    );
    if (!isUuidClaim(payload.sub) || !isUuidClaim(payload.ws) || !isUuidClaim(payload.sid)) return undefined;
    return { userId: payload.sub, tenantId: payload.ws, sessionId: payload.sid };
  } catch {
    return undefined;
  }
}
