/**
 * Baileys' AuthenticationState kept in the `wa_auth` table instead of Baileys' folder of JSON
 * files: one SQLite file holds everything, backups (`db:backup`) include the WhatsApp session,
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
import type { Db } from '../../storage/db.js';
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

export type SqliteAuthState = {
  /** Pass as `auth` to `makeWASocket` (wrap `keys` with `makeCacheableSignalKeyStore` if you like). */
  state: AuthenticationState;
  /** Persist `state.creds`; call on every `creds.update`. */
  saveCreds(): Promise<void>;
  /** Forget the session entirely (after `loggedOut`): the next state starts unpaired. */
  clear(): Promise<void>;
};

/**
 * Load (or initialise) the WhatsApp session from the `wa_auth` table.
 *
 * ```ts
 * const { state, saveCreds } = useSqliteAuthState(db);
 * const sock = makeWASocket({ auth: state });
 * sock.ev.on('creds.update', saveCreds);
 * ```
 */
export function useSqliteAuthState(db: Db, opts: WaAuthOptions): SqliteAuthState {
  const sqlite = db.$client;
  const now = opts.now ?? Date.now;
  const box = sealer(opts.secret);
  const getOne = sqlite.prepare<[string, string], { value: string; lastUsedAt: number | null }>(
    'select value, last_used_at as lastUsedAt from wa_auth where category = ? and id = ?',
  );
  const upsert = sqlite.prepare<[string, string, string, number | null]>(
    'insert into wa_auth (category, id, value, last_used_at) values (?, ?, ?, ?) on conflict (category, id) do update set value = excluded.value, last_used_at = excluded.last_used_at',
  );
  const touch = sqlite.prepare<[number, string, string]>('update wa_auth set last_used_at = ? where category = ? and id = ?');
  const remove = sqlite.prepare<[string, string]>('delete from wa_auth where category = ? and id = ?');
  const removeAll = sqlite.prepare('delete from wa_auth');

  migrateLegacyRows(db, box, now());

  /** Our own account's user parts (phone and LID): their keys are never pruned. */
  const ownUsers = (): string[] =>
    [creds?.me?.id, creds?.me?.lid].filter((j): j is string => !!j).map((j) => j.split('@')[0].split(':')[0]);
  const prunable = (category: string, id: string): boolean =>
    CONTACT.has(category) && !ownUsers().some((u) => id === u || (id.startsWith(u) && /^[._:@]/.test(id.slice(u.length))));

  const read = (category: string, id: string): unknown => {
    const hid = box.idOf(category, id);
    const row = getOne.get(category, hid);
    if (!row) return undefined;
    const t = now();
    if (row.lastUsedAt !== null && row.lastUsedAt < t - TOUCH_EVERY_MS) touch.run(t, category, hid);
    return JSON.parse(box.open(category, hid, row.value), BufferJSON.reviver);
  };
  const write = (category: string, id: string, value: unknown): void => {
    const hid = box.idOf(category, id);
    upsert.run(category, hid, box.seal(category, hid, JSON.stringify(value, BufferJSON.replacer)), prunable(category, id) ? now() : null);
  };

  const setKeys = sqlite.transaction((data: SignalDataSet) => {
    for (const category of Object.keys(data) as Array<keyof SignalDataTypeMap>) {
      const entries = data[category];
      if (!entries) continue;
      for (const [id, value] of Object.entries(entries)) {
        if (value === null || value === undefined) remove.run(category, box.idOf(category, id));
        else write(category, id, value);
      }
    }
  });

  let creds: AuthenticationCreds | undefined;
  creds = (read(CREDS_CATEGORY, CREDS_ID) as AuthenticationCreds | undefined) ?? initAuthCreds();

  return {
    state: {
      creds: creds as AuthenticationCreds,
      keys: {
        async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
          const out: { [id: string]: SignalDataTypeMap[T] } = {};
          for (const id of ids) {
            let value = read(type, id);
            if (value === undefined) continue;
            if (type === 'app-state-sync-key') {
              value = proto.Message.AppStateSyncKeyData.fromObject(value as Record<string, unknown>);
            }
            out[id] = value as SignalDataTypeMap[T];
          }
          return out;
        },
        async set(data: SignalDataSet) {
          setKeys.immediate(data);
        },
        async clear() {
          sqlite.prepare('delete from wa_auth where category <> ?').run(CREDS_CATEGORY);
        },
      },
    },
    async saveCreds() {
      write(CREDS_CATEGORY, CREDS_ID, creds as AuthenticationCreds);
    },
    async clear() {
      removeAll.run();
    },
  };
}

/**
 * Rows written before the store was encrypted (clear id, clear BufferJSON value) are sealed in
 * one transaction, then the WAL is truncated so their clear copies do not linger in it
 * (`secure_delete` zeroes the freed space in the database file).
 */
function migrateLegacyRows(db: Db, box: Sealer, startedAt: number): void {
  const sqlite = db.$client;
  const legacy = sqlite.prepare("select category, id, value from wa_auth where id not like 'h1.%'").all() as Array<{ category: string; id: string; value: string }>;
  if (!legacy.length) return;
  sqlite.transaction(() => {
    const del = sqlite.prepare('delete from wa_auth where category = ? and id = ?');
    const ins = sqlite.prepare(
      'insert into wa_auth (category, id, value, last_used_at) values (?, ?, ?, ?) on conflict (category, id) do update set value = excluded.value, last_used_at = excluded.last_used_at',
    );
    for (const r of legacy) {
      del.run(r.category, r.id);
      const hid = box.idOf(r.category, r.id);
      // Unknown age: counted from now, so old contacts are pruned one period after the upgrade.
      ins.run(r.category, hid, box.seal(r.category, hid, r.value), CONTACT.has(r.category) ? startedAt : null);
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
