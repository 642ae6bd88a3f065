/**
 * Bearer tokens for officers: 32 random bytes, base64url. Only the SHA-256 of a token is ever
 * stored, so a leaked database does not leak working tokens; look-up by hash (a unique index)
 * means no secret-dependent string comparison happens in JS.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type Role = 'officer' | 'admin';
export const ROLES = ['officer', 'admin'] as const;

/** A fresh token, shown once to whoever creates it. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256 of a token: what `api_tokens.token_hash` holds. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Compare a presented token with a configured one (`ADMIN_TOKEN`) in constant time, by comparing
 * their hashes (equal length whatever the inputs).
 *
 * ```ts
 * if (sameToken(presented, config.ADMIN_TOKEN)) { ... }
 * ```
 */
export function sameToken(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
