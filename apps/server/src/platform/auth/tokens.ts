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

// Verifying an EdDSA signature through WebCrypto cost about 7% of the server's CPU per request
// under the posting benchmark, and a client sends the same token for minutes. A token verified once
// is therefore remembered until it expires; a hit still requires its signing key to be one we
// accept, so a retired key stops its tokens exactly as before. Revocation is unaffected: the guard
// reads the session's state on every request either way. One cache per key store (one per app).
const CLOCK_TOLERANCE_SECONDS = 5;
const VERIFIED_CACHE_SIZE = 10_000;

interface Verified {
  claims: AccessClaims;
  kid: string | undefined;
  notBeforeMs: number;
  expiresMs: number;
}

const verifiedByStore = new WeakMap<KeyStore, Map<string, Verified>>();

/** The verified claims, or undefined for any token that is not one of ours and current. */
export async function verifyAccessToken(
  keys: KeyStore,
  settings: TokenSettings,
  token: string,
): Promise<AccessClaims | undefined> {
  let verified = verifiedByStore.get(keys);
  if (!verified) {
    verified = new Map();
    verifiedByStore.set(keys, verified);
  }
  const now = Date.now();
  const known = verified.get(token);
  if (known) {
    if (now >= known.notBeforeMs && now <= known.expiresMs && (await keys.verificationKey(known.kid)))
      return known.claims;
    verified.delete(token);
    if (now <= known.expiresMs) return undefined;
  }
  try {
    let kid: string | undefined;
    const { payload } = await jwtVerify<JWTPayload & { ws?: unknown; sid?: unknown }>(
      token,
      async (header) => {
        if (header.alg !== SIGNING_ALG) throw new Error('algorithm not allowed');
        const key = await keys.verificationKey(header.kid);
        if (!key) throw new Error('unknown key');
        kid = header.kid;
        return key;
      },
      {
        algorithms: [SIGNING_ALG],
        issuer: settings.issuer,
        audience: settings.audience,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['exp', 'iat', 'sub', 'nbf'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      },
    );
    if (!isUuidClaim(payload.sub) || !isUuidClaim(payload.ws) || !isUuidClaim(payload.sid)) return undefined;
    const claims = { userId: payload.sub, tenantId: payload.ws, sessionId: payload.sid };
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(token, {
      claims,
      kid,
      notBeforeMs: (payload.nbf! - CLOCK_TOLERANCE_SECONDS) * 1000,
      expiresMs: (payload.exp! + CLOCK_TOLERANCE_SECONDS) * 1000,
    });
    return claims;
  } catch {
    return undefined;
  }
}
