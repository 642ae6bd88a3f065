/**
 * The anonymity model: a sender is known only by an HMAC pseudonym; the raw address is kept
 * (only to relay officer replies) encrypted with AES-256-GCM under a key derived from
 * `PSEUDONYM_SECRET`. Neither ever reaches a log, a tip row or an officer.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export type Identity = {
  /** HMAC-SHA256(secret, "channel:address"), hex. */
  pseudonym(channel: string, address: string): string;
  encryptAddress(address: string): string;
  decryptAddress(blob: string): string;
};

/**
 * ```ts
 * const identity = createIdentity(config.PSEUDONYM_SECRET);
 * const who = identity.pseudonym('telegram', '12345');
 * ```
 */
export function createIdentity(secret: string): Identity {
  const hmacKey = Buffer.from(hkdfSync('sha256', secret, 'waspada', 'pseudonym-v1', 32));
  const encKey = Buffer.from(hkdfSync('sha256', secret, 'waspada', 'contact-aes-gcm-v1', 32));
  return {
    pseudonym(channel, address) {
      return createHmac('sha256', hmacKey).update(`${channel}:${address}`).digest('hex');
    },
    encryptAddress(address) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(address, 'utf8'), c.final()]);
      return `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
    },
    decryptAddress(blob) {
      if (!blob.startsWith('v1.')) throw new Error('unknown contact encryption version');
      const raw = Buffer.from(blob.slice(3), 'base64url');
      const d = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
