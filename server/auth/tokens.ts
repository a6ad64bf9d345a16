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

/** A signed, expiring access token (HS256). */
export function signToken(claims: TokenClaims, secret: string, ttlSeconds: number): string {
  return jwt.sign({ role: claims.role, tv: claims.tv }, secret, {
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
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    if (typeof payload === 'string' || typeof payload.sub !== 'string') return null;
    return { sub: payload.sub, role: payload.role as Role, tv: Number(payload.tv ?? 0) };
  } catch {
    return null;
  }
}
