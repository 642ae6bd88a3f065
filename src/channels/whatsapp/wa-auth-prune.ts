/**
 * Pruning of the WhatsApp session store, apart from the store itself so retention can run it
 * without loading Baileys (the store's module needs Baileys' BufferJSON and protobufs; this is
 * plain SQL).
 */
import type { Db } from '../../storage/db.js';

/** Per-contact keys unused for this many days are pruned. */
export const WA_CONTACT_KEYS_TTL_DAYS = 30;
/** Key types that belong to one contact (or group) rather than to our own account. */
export const WA_CONTACT_CATEGORIES = ['session', 'lid-mapping', 'device-list', 'tctoken', 'identity-key', 'sender-key', 'sender-key-memory'] as const;

/**
 * Delete per-contact keys unused for `ttlDays` (see the module comment). Returns how many rows went.
 *
 * ```ts
 * pruneWaAuth(db, Date.now(), WA_CONTACT_KEYS_TTL_DAYS);
 * ```
 */
export function pruneWaAuth(db: Db, now: number, ttlDays = WA_CONTACT_KEYS_TTL_DAYS): number {
  const list = WA_CONTACT_CATEGORIES.map(() => '?').join(',');
  return db.$client
    .prepare(`delete from wa_auth where category in (${list}) and last_used_at is not null and last_used_at < ?`)
    .run(...WA_CONTACT_CATEGORIES, now - ttlDays * 86_400_000).changes;
}

