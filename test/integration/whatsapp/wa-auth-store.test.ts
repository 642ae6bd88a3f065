import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initAuthCreds, proto } from '@whiskeysockets/baileys';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { pruneWaAuth } from '../../../src/channels/whatsapp/wa-auth-prune.js';
import { useStoredAuthState } from '../../../src/channels/whatsapp/wa-auth-store.js';
import { migrateStorage } from '../../../src/storage/migrate.js';
import { openPostgresStorage } from '../../../src/storage/postgres.js';
import { openSqliteStorage, type Storage } from '../../../src/storage/storage.js';
import { freshPgDatabase } from '../../helpers/backend.js';
import { BACKENDS } from '../../helpers/storages.js';

const AUTH = { secret: 'wa-auth-test-secret-'.padEnd(64, 'z') };
let dir: string;
let path: string;
let storage: Storage;
let open: () => Promise<Storage>;

/** Close and open the database again, as a restarted service would. */
const reopen = async () => {
  await storage.close();
  storage = await open();
};
const rowCount = async () => (await storage.run((q) => q.select({ n: count() }).from(storage.t.waAuth)))[0].n;

afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(BACKENDS)('the stored WhatsApp session on %s', (backend) => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'waspada-wa-auth-'));
    path = join(dir, 'test.db');
    if (backend === 'sqlite') {
      open = async () => {
        const s = openSqliteStorage(path);
        await migrateStorage(s, {});
        return s;
      };
    } else {
      const url = await freshPgDatabase();
      open = async () => {
        const s = openPostgresStorage(url);
        await migrateStorage(s, { DATABASE_URL: url });
        return s;
      };
    }
    storage = await open();
  });

  it('starts with fresh, unregistered credentials', async () => {
    const { state } = await useStoredAuthState(storage, AUTH);
    expect(state.creds.registered).toBe(false);
    expect(state.creds.noiseKey.private).toHaveLength(32);
  });

  it('round-trips credentials, Buffers included, across closing and reopening the file', async () => {
    const auth = await useStoredAuthState(storage, AUTH);
    auth.state.creds.registered = true;
    auth.state.creds.me = { id: '6285000000001:7@s.whatsapp.net', lid: '99999:7@lid', name: 'Waspada' };
    await auth.saveCreds();
    const before = auth.state.creds;
    await reopen();
    const after = (await useStoredAuthState(storage, AUTH)).state.creds;
    expect(after.registered).toBe(true);
    expect(after.me).toEqual(before.me);
    expect(Buffer.from(after.noiseKey.private).equals(Buffer.from(before.noiseKey.private))).toBe(true);
    expect(Buffer.from(after.signedIdentityKey.public).equals(Buffer.from(before.signedIdentityKey.public))).toBe(true);
    expect(after.signedPreKey.signature).toEqual(before.signedPreKey.signature);
    expect(after.advSecretKey).toBe(before.advSecretKey);
    expect(after.registrationId).toBe(before.registrationId);
  });

  it('round-trips signal keys of every shape, reviving app-state-sync keys as protobuf objects', async () => {
    const { state } = await useStoredAuthState(storage, AUTH);
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
    await reopen();
    const keys = (await useStoredAuthState(storage, AUTH)).state.keys;
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
    const { state } = await useStoredAuthState(storage, AUTH);
    await state.keys.set({ session: { a: new Uint8Array([1]), b: new Uint8Array([2]) } });
    await state.keys.set({ session: { a: null } });
    expect(Object.keys(await state.keys.get('session', ['a', 'b']))).toEqual(['b']);

    // A value JSON cannot encode fails the batch: nothing of it may land.
    const bad = { 'lid-mapping': { x: 'ok' }, tctoken: { y: { token: Buffer.from('t'), senderTimestamp: 10n as unknown as number } } };
    await expect(state.keys.set(bad)).rejects.toThrow();
    expect(await state.keys.get('lid-mapping', ['x'])).toEqual({});
  });

  it('clear() forgets the whole session so the next state is unpaired', async () => {
    const auth = await useStoredAuthState(storage, AUTH);
    auth.state.creds.registered = true;
    await auth.saveCreds();
    await auth.state.keys.set({ session: { a: new Uint8Array([1]) } });
    await auth.clear();
    expect(await rowCount()).toBe(0);
    expect((await useStoredAuthState(storage, AUTH)).state.creds.registered).toBe(false);
  });

  it('encrypts rows written before encryption when it opens, leaving no clear copy in the file or WAL', async () => {
    // A session stored by the old, unencrypted store: clear ids and BufferJSON values.
    await storage.run((q) =>
      q.insert(storage.t.waAuth).values([
        { category: 'lid-mapping', id: '6281234567890', value: JSON.stringify('128394857261234') },
        { category: 'session', id: '6281234567890.0', value: JSON.stringify({ type: 'Buffer', data: 'AQID' }) },
        { category: 'creds', id: 'creds', value: JSON.stringify({ ...initAuthCreds(), me: { id: '6285000000001:7@s.whatsapp.net' } }) },
      ]),
    );
    await reopen();
    const auth = await useStoredAuthState(storage, AUTH);
    expect(auth.state.creds.me?.id).toBe('6285000000001:7@s.whatsapp.net');
    expect(await auth.state.keys.get('lid-mapping', ['6281234567890'])).toEqual({ '6281234567890': '128394857261234' });
    const rows = await storage.run((q) => q.select({ id: storage.t.waAuth.id, value: storage.t.waAuth.value }).from(storage.t.waAuth));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.id.startsWith('h1.') && r.value.startsWith('v1.'))).toBe(true);
    if (backend === 'postgres') return;
    for (const file of [path, `${path}-wal`]) {
      const bytes = readFileSync(file);
      for (const clear of ['6281234567890', '128394857261234', '6285000000001']) expect(bytes.includes(Buffer.from(clear)), `${clear} in ${file}`).toBe(false);
    }
  });

  it('prunes per-contact keys unused for the period, never credentials or our own keys', async () => {
    let now = 1_000_000_000_000;
    const auth = await useStoredAuthState(storage, { ...AUTH, now: () => now });
    auth.state.creds.me = { id: '6285000000001:7@s.whatsapp.net' };
    await auth.saveCreds();
    await auth.state.keys.set({ session: { '6281234567890.0': new Uint8Array([1]), '6285000000001.0': new Uint8Array([2]) }, 'pre-key': { '1': initAuthCreds().signedIdentityKey } });
    now += 29 * 86_400_000;
    expect(await pruneWaAuth(storage, now, 30)).toBe(0);
    now += 2 * 86_400_000;
    expect(await pruneWaAuth(storage, now, 30)).toBe(1);
    expect(await auth.state.keys.get('session', ['6281234567890.0', '6285000000001.0'])).toEqual({ '6285000000001.0': expect.anything() });
    expect(Object.keys(await auth.state.keys.get('pre-key', ['1']))).toEqual(['1']);
    expect((await useStoredAuthState(storage, AUTH)).state.creds.me?.id).toBe('6285000000001:7@s.whatsapp.net');
  });
});
