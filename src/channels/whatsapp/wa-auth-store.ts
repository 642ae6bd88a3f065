/**
 * Baileys' AuthenticationState kept in the `wa_auth` table instead of Baileys' folder of JSON
 * files: one SQLite file holds everything, backups (`db:backup`) include the WhatsApp session,
 * and a key update is one transaction, so a crash never leaves half a Signal session on disk.
 *
 * Rows are `(category, id, value)`: the credentials under `('creds', 'creds')`, every Signal key
 * under its `SignalDataTypeMap` type. Values are JSON written with `BufferJSON.replacer` (Buffers
 * survive as base64) and read back with `BufferJSON.reviver`.
 */
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

const CREDS_CATEGORY = 'creds';
const CREDS_ID = 'creds';

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
export function useSqliteAuthState(db: Db): SqliteAuthState {
  const sqlite = db.$client;
  const getOne = sqlite.prepare<[string, string], { value: string }>(
    'select value from wa_auth where category = ? and id = ?',
  );
  const upsert = sqlite.prepare<[string, string, string]>(
    'insert into wa_auth (category, id, value) values (?, ?, ?) on conflict (category, id) do update set value = excluded.value',
  );
  const remove = sqlite.prepare<[string, string]>('delete from wa_auth where category = ? and id = ?');
  const removeAll = sqlite.prepare('delete from wa_auth');

  const read = (category: string, id: string): unknown => {
    const row = getOne.get(category, id);
    return row ? JSON.parse(row.value, BufferJSON.reviver) : undefined;
  };
  const write = (category: string, id: string, value: unknown): void => {
    upsert.run(category, id, JSON.stringify(value, BufferJSON.replacer));
  };

  const setKeys = sqlite.transaction((data: SignalDataSet) => {
    for (const category of Object.keys(data) as Array<keyof SignalDataTypeMap>) {
      const entries = data[category];
      if (!entries) continue;
      for (const [id, value] of Object.entries(entries)) {
        if (value === null || value === undefined) remove.run(category, id);
        else write(category, id, value);
      }
    }
  });

  const creds = (read(CREDS_CATEGORY, CREDS_ID) as AuthenticationCreds | undefined) ?? initAuthCreds();

  return {
    state: {
      creds,
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
      write(CREDS_CATEGORY, CREDS_ID, creds);
    },
    async clear() {
      removeAll.run();
    },
  };
}
