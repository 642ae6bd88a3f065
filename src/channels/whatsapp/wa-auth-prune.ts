/**
 * Pruning of the WhatsApp session store, apart from the store itself so retention can run it
 * without loading Baileys (the store's module needs Baileys' BufferJSON and protobufs; this is
 * plain SQL on the storage port).
 */
import { and, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../../storage/db.js';
import { waAuth as waAuthTable } from '../../storage/schema.js';
import { affected, type Storage } from '../../storage/storage.js';

/** Per-contact keys unused for this many days are pruned. */
export const WA_CONTACT_KEYS_TTL_DAYS = 30;
/** Key types that belong to one contact (or group) rather than to our own account. */
export const WA_CONTACT_CATEGORIES = ['session', 'lid-mapping', 'device-list', 'tctoken', 'identity-key', 'sender-key', 'sender-key-memory'] as const;

/**
 * Delete per-contact keys unused for `ttlDays` (see the module comment). Returns how many rows went.
 *
 * ```ts
 * await pruneWaAuth(storage, Date.now(), WA_CONTACT_KEYS_TTL_DAYS);
 * ```
 */
export async function pruneWaAuth(s: Storage, now: number, ttlDays = WA_CONTACT_KEYS_TTL_DAYS): Promise<number> {
  const { waAuth } = s.t;
  const r = await s.run((q) =>
    q
      .delete(waAuth)
      .where(and(inArray(waAuth.category, [...WA_CONTACT_CATEGORIES]), isNotNull(waAuth.lastUsedAt), lt(waAuth.lastUsedAt, now - ttlDays * 86_400_000))),
  );
  return affected(r);
}

/**
 * @deprecated The synchronous form for the retention job until it runs on the storage port
 * (issue #18, officers' area); use `pruneWaAuth`.
 */
export function pruneWaAuthSync(db: Db, now: number, ttlDays = WA_CONTACT_KEYS_TTL_DAYS): number {
  return db
    .delete(waAuthTable)
    .where(and(inArray(waAuthTable.category, [...WA_CONTACT_CATEGORIES]), isNotNull(waAuthTable.lastUsedAt), lt(waAuthTable.lastUsedAt, now - ttlDays * 86_400_000)))
    .run().changes;
}
