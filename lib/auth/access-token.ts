// Access tokens for API clients: HS256 JWT, 15 minutes, payload per seed 000.
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import crypto from 'node:crypto';
import { authSecret } from './secret';
import { AppError } from '@/lib/api/errors';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'salesagent';
const AUDIENCE = 'salesagent-api';

function key(): Uint8Array {
  // A key of its own, derived from the secret, so next-auth's keys and ours never coincide.
  return new Uint8Array(crypto.createHmac('sha256', authSecret()).update('api-access-token-v1').digest());
}

export interface AccessTokenClaims {
  user_id: string;
  email: string;
  subscription_plan: string;
}

export async function signAccessToken(claims: AccessTokenClaims, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ ...claims, typ: 'access' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.user_id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
    .sign(key());
}

export async function verifyAccessToken(token: string): Promise<AccessTokenClaims & { iat: number; exp: number }> {
  try {
    const { payload } = await jwtVerify(token, key(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    if (payload.typ !== 'access' || typeof payload.sub !== 'string') throw new Error('wrong token type');
    return payload as unknown as AccessTokenClaims & { iat: number; exp: number };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) {
      throw new AppError(401, 'token_expired', 'Access token has expired; refresh it with POST /api/auth/refresh');
    }
    throw new AppError(401, 'invalid_token', 'Access token is invalid');
  }
}
