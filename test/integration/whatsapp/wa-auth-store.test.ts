import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initAuthCreds, proto } from '@whiskeysockets/baileys';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSqliteAuthState } from '../../../src/channels/whatsapp/wa-auth-store.js';
import { type Db, openDb } from '../../../src/storage/db.js';
import { runMigrations } from '../../../src/storage/migrate.js';

const AUTH = { secret: 'wa-auth-test-secret-'.padEnd(64, 'z') };
let dir: string;
let path: string;
let db: Db;

const reopen = () => {
  db.$client.close();
  db = openDb(path);
  runMigrations(db);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waspada-wa-auth-'));
  path = join(dir, 'test.db');
  db = openDb(path);
  runMigrations(db);
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('useSqliteAuthState', () => {
  it('starts with fresh, unregistered credentials', () => {
    const { state } = useSqliteAuthState(db, AUTH);
    expect(state.creds.registered).toBe(false);
    expect(state.creds.noiseKey.private).toHaveLength(32);
  });

  it('round-trips credentials, Buffers included, across closing and reopening the file', async () => {
    const auth = useSqliteAuthState(db, AUTH);
    auth.state.creds.registered = true;
    auth.state.creds.me = { id: '6285000000001:7@s.whatsapp.net', lid: '99999:7@lid', name: 'Waspada' };
    await auth.saveCreds();
    const before = auth.state.creds;
    reopen();
    const after = useSqliteAuthState(db, AUTH).state.creds;
    expect(after.registered).toBe(true);
    expect(after.me).toEqual(before.me);
    expect(Buffer.from(after.noiseKey.private).equals(Buffer.from(before.noiseKey.private))).toBe(true);
    expect(Buffer.from(after.signedIdentityKey.public).equals(Buffer.from(before.signedIdentityKey.public))).toBe(true);
    expect(after.signedPreKey.signature).toEqual(before.signedPreKey.signature);
    expect(after.advSecretKey).toBe(before.advSecretKey);
    expect(after.registrationId).toBe(before.registrationId);
  });

  it('round-trips signal keys of every shape, reviving app-state-sync keys as protobuf objects', async () => {
    const { state } = useSqliteAuthState(db, AUTH);
    const preKey = initAuthCreds().signedIdentityKey;
    await state.keys.set({
      'pre-key': { '1': preKey },
      session: { '6281234567890.0': new Uint8Array([1, 2, 3]) },
      'app-state-sync-key': {
        AAAAAQ: proto.Message.AppStateSyncKeyData.fromObject({
          keyData: Buffer.from('secret-key-data'),
          fingerprint: { rawId: 7, currentIndex: 1, deviceIndexes: [0, 1] },
          timestamp: 1_700_000_000,
        }),
      },
      'lid-mapping': { '6281234567890': '128394857261234' },
      'device-list': { '6281234567890': ['0', '12'] },
    });
    reopen();
    const keys = useSqliteAuthState(db, AUTH).state.keys;
    const pre = await keys.get('pre-key', ['1', '2']);
    expect(Object.keys(pre)).toEqual(['1']);
    expect(Buffer.from(pre['1'].public).equals(Buffer.from(preKey.public))).toBe(true);
    expect(Buffer.from((await keys.get('session', ['6281234567890.0']))['6281234567890.0'])).toEqual(Buffer.from([1, 2, 3]));
    const sync = (await keys.get('app-state-sync-key', ['AAAAAQ'])).AAAAAQ;
    expect(sync).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(sync.keyData as Uint8Array).toString()).toBe('secret-key-data');
    expect(sync.fingerprint?.rawId).toBe(7);
    expect((await keys.get('lid-mapping', ['6281234567890']))['6281234567890']).toBe('128394857261234');
    expect((await keys.get('device-list', ['6281234567890']))['6281234567890']).toEqual(['0', '12']);
  });

  it('deletes keys set to null and writes a batch in one transaction (all or nothing)', async () => {
    const { state } = useSqliteAuthState(db, AUTH);
    await state.keys.set({ session: { a: new Uint8Array([1]), b: new Uint8Array([2]) } });
    await state.keys.set({ session: { a: null } });
    expect(Object.keys(await state.keys.get('session', ['a', 'b']))).toEqual(['b']);

    // A value JSON cannot encode fails the batch: nothing of it may land.
    const bad = { 'lid-mapping': { x: 'ok' }, tctoken: { y: { token: Buffer.from('t'), senderTimestamp: 10n as unknown as number } } };
    await expect(state.keys.set(bad)).rejects.toThrow();
    expect(await state.keys.get('lid-mapping', ['x'])).toEqual({});
  });

  it('clear() forgets the whole session so the next state is unpaired', async () => {
    const auth = useSqliteAuthState(db, AUTH);
    auth.state.creds.registered = true;
    await auth.saveCreds();
    await auth.state.keys.set({ session: { a: new Uint8Array([1]) } });
    await auth.clear();
    const count = db.$client.prepare('select count(*) as n from wa_auth').get() as { n: number };
    expect(count.n).toBe(0);
    expect(useSqliteAuthState(db, AUTH).state.creds.registered).toBe(false);
  });

  it('encrypts rows written before encryption when it opens, leaving no clear copy in the file or WAL', async () => {
    // A session stored by the old, unencrypted store: clear ids and BufferJSON values.
    const insert = db.$client.prepare('insert into wa_auth (category, id, value) values (?, ?, ?)');
    insert.run('lid-mapping', '6281234567890', JSON.stringify('128394857261234'));
    insert.run('session', '6281234567890.0', JSON.stringify({ type: 'Buffer', data: 'AQID' }));
    insert.run('creds', 'creds', JSON.stringify({ ...initAuthCreds(), me: { id: '6285000000001:7@s.whatsapp.net' } }));
    reopen();
    const auth = useSqliteAuthState(db, AUTH);
    expect(auth.state.creds.me?.id).toBe('6285000000001:7@s.whatsapp.net');
    expect(await auth.state.keys.get('lid-mapping', ['6281234567890'])).toEqual({ '6281234567890': '128394857261234' });
    const rows = db.$client.prepare('select id, value from wa_auth').all() as Array<{ id: string; value: string }>;
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.id.startsWith('h1.') && r.value.startsWith('v1.'))).toBe(true);
    for (const file of [path, `${path}-wal`]) {
      const bytes = readFileSync(file);
      for (const clear of ['6281234567890', '128394857261234', '6285000000001']) expect(bytes.includes(Buffer.from(clear)), `${clear} in ${file}`).toBe(false);
    }
  });
});
