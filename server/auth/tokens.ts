import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Role } from './actor.js';

const ISSUER = 'bekal-kerja';
const AUDIENCE = 'bekal-kerja-api';

export interface TokenClaims {
  sub: string;
  role: Role;
  /** The user's tokenVersion when issued; a bump revokes the token. */
  tv: number;
}

// Handed a string, jsonwebtoken first tries (and fails) to parse it as a public key on every call,
// about a millisecond of CPU per request; the secret's key object is built once instead.
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret));
    keys.set(secret, key);
  }
  return key;
}

/** A signed, expiring access token (HS256). */
export function signToken(claims: TokenClaims, secret: string, ttlSeconds: number): string {
  return jwt.sign({ role: claims.role, tv: claims.tv }, keyOf(secret), {
    algorithm: 'HS256',
    subject: claims.sub,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ttlSeconds,
  });
}

/** The claims of a valid token, or null for anything expired, forged or malformed. */
export function verifyToken(token: string, secret: string): TokenClaims | null {
  try {
    const payload = jwt.verify(token, keyOf(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    if (typeof payload === 'string' || typeof payload.sub !== 'string') return null;
    return { sub: payload.sub, role: payload.role as Role, tv: Number(payload.tv ?? 0) };
  } catch {
    return null;
  }
}
