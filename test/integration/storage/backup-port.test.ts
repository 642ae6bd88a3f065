/**
 * Backups behind the storage port: on SQLite a consistent copy of the file with every committed
 * row; on PostgreSQL nothing is written and the error says pg_dump is the tool.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupStorage, PG_BACKUP_ADVICE } from '../../../src/storage/backup.js';
import { migrateStorage } from '../../../src/storage/migrate.js';
import { openPostgresStorage } from '../../../src/storage/postgres.js';
import { openSqliteStorage, type Storage } from '../../../src/storage/storage.js';
import { freshPgDatabase } from '../../helpers/backend.js';

const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

describe.each(['sqlite', 'postgres'] as const)('backupStorage on %s', (backend) => {
  it(backend === 'sqlite' ? 'copies every committed row into a new file' : 'writes nothing and points at pg_dump', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waspada-backup-'));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    let s: Storage;
    if (backend === 'sqlite') {
      s = openSqliteStorage(join(dir, 'w.db'));
      await migrateStorage(s, {});
    } else {
      const url = await freshPgDatabase();
      s = openPostgresStorage(url);
      await migrateStorage(s, { DATABASE_URL: url });
    }
    closers.push(() => s.close());
    await s.run((q) => q.insert(s.t.officers).values({ name: 'Sari', role: 'officer', createdAt: 1 }));
    const dest = join(dir, 'copy.db');
    if (backend === 'postgres') {
      await expect(backupStorage(s, dest, { now: () => 0 })).rejects.toThrow(PG_BACKUP_ADVICE);
      expect(existsSync(dest)).toBe(false);
      return;
    }
    const r = await backupStorage(s, dest, { now: () => 0 });
    expect(r.integrity).toBe('ok');
    const copy = openSqliteStorage(dest);
    closers.push(() => copy.close());
    expect(await copy.run((q) => q.select({ name: copy.t.officers.name }).from(copy.t.officers))).toEqual([{ name: 'Sari' }]);
  });
});
