/**
 * Baileys' AuthenticationState kept in the `wa_auth` table instead of Baileys' folder of JSON
 * files: the database holds everything (SQLite or PostgreSQL), backups include the WhatsApp session,
 * and a key update is one transaction, so a crash never leaves half a Signal session on disk.
 *
 * Encrypted at rest. Signal key ids name contacts (`6281234567890.0`, `128394857261234_reverse`)
 * and values hold LID↔phone mappings, so neither is stored in clear: a row is
 * `(category, h1.<HMAC-SHA256(idKey, category, id)>, v1.<AES-256-GCM(encKey, BufferJSON)>)`, both
 * keys derived with HKDF from `PSEUDONYM_SECRET` (the id hash makes look-ups possible without the
 * clear id; the category and id are the GCM associated data, so a value cannot be moved to
 * another row). Rows from before encryption are re-encrypted when the store opens, then the WAL
 * is truncated. A database copied without the secret cannot be read (nor the session used).
 *
 * Per-contact keys (sessions, LID mappings, device lists, tokens, identity keys, sender keys)
 * record when they were last used; `pruneWaAuth` (run by the daily retention) deletes those
 * unused for `WA_CONTACT_KEYS_TTL_DAYS`. WhatsApp recovers a pruned session by itself (the
 * sender's phone re-sends with a fresh session after a retry receipt). Credentials, pre-keys,
 * app-state keys and our own account's keys are never pruned (`last_used_at` null).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import {
  type AuthenticationCreds,
  type AuthenticationState,
  BufferJSON,
  initAuthCreds,
  proto,
  type SignalDataSet,
  type SignalDataTypeMap,
} from '@whiskeysockets/baileys';
import { and, eq, ne, notLike } from 'drizzle-orm';
import { checkpointTruncate } from '../../storage/checkpointer.js';
import type { Q, Storage } from '../../storage/storage.js';
import { WA_CONTACT_CATEGORIES } from './wa-auth-prune.js';

export { pruneWaAuth, WA_CONTACT_CATEGORIES, WA_CONTACT_KEYS_TTL_DAYS } from './wa-auth-prune.js';

const CREDS_CATEGORY = 'creds';
const CREDS_ID = 'creds';

const CONTACT = new Set<string>(WA_CONTACT_CATEGORIES);
/** `last_used_at` is refreshed at most this often per row (a read must not always be a write). */
const TOUCH_EVERY_MS = 3_600_000;

type Sealer = { idOf(category: string, id: string): string; seal(category: string, hid: string, json: string): string; open(category: string, hid: string, blob: string): string };

/** AES-256-GCM and HMAC keys for the session store, derived from the pseudonym secret. */
function sealer(secret: string): Sealer {
  const idKey = Buffer.from(hkdfSync('sha256', secret, 'waspada', 'wa-auth-id-v1', 32));
  const encKey = Buffer.from(hkdfSync('sha256', secret, 'waspada', 'wa-auth-aes-gcm-v1', 32));
  return {
    idOf: (category, id) => `h1.${createHmac('sha256', idKey).update(`${category}\u0000${id}`).digest('base64url')}`,
    seal(category, hid, json) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      c.setAAD(Buffer.from(`${category}\u0000${hid}`));
      const body = Buffer.concat([c.update(json, 'utf8'), c.final()]);
      return `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
    },
    open(category, hid, blob) {
      if (!blob.startsWith('v1.')) throw new Error('wa_auth: unknown encryption version');
      const raw = Buffer.from(blob.slice(3), 'base64url');
      const d = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      d.setAAD(Buffer.from(`${category}\u0000${hid}`));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

export type WaAuthOptions = {
  /** `PSEUDONYM_SECRET`: the store's keys are derived from it. */
  secret: string;
  /** Clock for `last_used_at` (tests inject one). */
  now?: () => number;
};

export type StoredAuthState = {
  /** Pass as `auth` to `makeWASocket` (wrap `keys` with `makeCacheableSignalKeyStore` if you like). */
  state: AuthenticationState;
  /** Persist `state.creds`; call on every `creds.update`. */
  saveCreds(): Promise<void>;
  /** Forget the session entirely (after `loggedOut`): the next state starts unpaired. */
  clear(): Promise<void>;
};

/**
 * Load (or initialise) the WhatsApp session from the `wa_auth` table, on either backend.
 *
 * ```ts
 * const { state, saveCreds } = await useStoredAuthState(storage, { secret });
 * const sock = makeWASocket({ auth: state });
 * sock.ev.on('creds.update', saveCreds);
 * ```
 */
export async function useStoredAuthState(s: Storage, opts: WaAuthOptions): Promise<StoredAuthState> {
  const { waAuth } = s.t;
  const now = opts.now ?? Date.now;
  const box = sealer(opts.secret);
  const row = (category: string, hid: string) => and(eq(waAuth.category, category), eq(waAuth.id, hid));

  await migrateLegacyRows(s, box, now());

  /** Our own account's user parts (phone and LID): their keys are never pruned. */
  const ownUsers = (): string[] =>
    [creds?.me?.id, creds?.me?.lid].filter((j): j is string => !!j).map((j) => j.split('@')[0].split(':')[0]);
  const prunable = (category: string, id: string): boolean =>
    CONTACT.has(category) && !ownUsers().some((u) => id === u || (id.startsWith(u) && /^[._:@]/.test(id.slice(u.length))));

  const read = async (q: Q, category: string, id: string): Promise<unknown> => {
    const hid = box.idOf(category, id);
    const [found] = await q.select({ value: waAuth.value, lastUsedAt: waAuth.lastUsedAt }).from(waAuth).where(row(category, hid)).limit(1);
    if (!found) return undefined;
    const t = now();
    if (found.lastUsedAt !== null && found.lastUsedAt < t - TOUCH_EVERY_MS) await q.update(waAuth).set({ lastUsedAt: t }).where(row(category, hid));
    return JSON.parse(box.open(category, hid, found.value), BufferJSON.reviver);
  };
  const write = async (q: Q, category: string, id: string, value: unknown): Promise<void> => {
    const hid = box.idOf(category, id);
    const sealed = box.seal(category, hid, JSON.stringify(value, BufferJSON.replacer));
    const lastUsedAt = prunable(category, id) ? now() : null;
    await q
      .insert(waAuth)
      .values({ category, id: hid, value: sealed, lastUsedAt })
      .onConflictDoUpdate({ target: [waAuth.category, waAuth.id], set: { value: sealed, lastUsedAt } });
  };

  let creds: AuthenticationCreds | undefined;
  creds = ((await s.run((q) => read(q, CREDS_CATEGORY, CREDS_ID))) as AuthenticationCreds | undefined) ?? initAuthCreds();

  return {
    state: {
      creds: creds as AuthenticationCreds,
      keys: {
        async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
          const out: { [id: string]: SignalDataTypeMap[T] } = {};
          await s.run(async (q) => {
            for (const id of ids) {
              let value = await read(q, type, id);
              if (value === undefined) continue;
              if (type === 'app-state-sync-key') {
                value = proto.Message.AppStateSyncKeyData.fromObject(value as Record<string, unknown>);
              }
              out[id] = value as SignalDataTypeMap[T];
            }
          });
          return out;
        },
        // One transaction: a crash never leaves half a Signal session stored.
        async set(data: SignalDataSet) {
          await s.tx(async (q) => {
            for (const category of Object.keys(data) as Array<keyof SignalDataTypeMap>) {
              const entries = data[category];
              if (!entries) continue;
              for (const [id, value] of Object.entries(entries)) {
                if (value === null || value === undefined) await q.delete(waAuth).where(row(category, box.idOf(category, id)));
                else await write(q, category, id, value);
              }
            }
          });
        },
        async clear() {
          await s.run((q) => q.delete(waAuth).where(ne(waAuth.category, CREDS_CATEGORY)));
        },
      },
    },
    async saveCreds() {
      await s.run((q) => write(q, CREDS_CATEGORY, CREDS_ID, creds as AuthenticationCreds));
    },
    async clear() {
      await s.run((q) => q.delete(waAuth));
    },
  };
}

/**
 * Rows written before the store was encrypted (clear id, clear BufferJSON value) are sealed in
 * one transaction; on SQLite the WAL is then truncated so their clear copies do not linger in it
 * (`secure_delete` zeroes the freed space in the database file).
 */
async function migrateLegacyRows(s: Storage, box: Sealer, startedAt: number): Promise<void> {
  const { waAuth } = s.t;
  const clear = () => s.run((q) => q.select({ id: waAuth.id }).from(waAuth).where(notLike(waAuth.id, 'h1.%')).limit(1));
  // Almost always none: no write transaction at every session open.
  if (!(await clear()).length) return;
  const migrated = await s.tx(async (q) => {
    const legacy = await q.select({ category: waAuth.category, id: waAuth.id, value: waAuth.value }).from(waAuth).where(notLike(waAuth.id, 'h1.%'));
    for (const r of legacy) {
      await q.delete(waAuth).where(and(eq(waAuth.category, r.category), eq(waAuth.id, r.id)));
      const hid = box.idOf(r.category, r.id);
      const value = box.seal(r.category, hid, r.value);
      // Unknown age: counted from now, so old contacts are pruned one period after the upgrade.
      const lastUsedAt = CONTACT.has(r.category) ? startedAt : null;
      await q.insert(waAuth).values({ category: r.category, id: hid, value, lastUsedAt }).onConflictDoUpdate({ target: [waAuth.category, waAuth.id], set: { value, lastUsedAt } });
    }
    return legacy.length;
  });
  const db = s.sqlite;
  if (migrated && db) await s.run(async () => checkpointTruncate(db));
}
