/**
 * PostgreSQL behind the storage port (`DATABASE_URL`): a node-postgres pool, drizzle over it with the
 * pg-core twin of the schema, READ COMMITTED transactions and transaction-scoped advisory locks.
 * Loaded only when `DATABASE_URL` is set (the SQLite default never pays for it).
 */
import { join } from 'node:path';
import { type SQL, sql as sqlTag } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { projectRoot } from '../paths.js';
import * as pgSchema from './schema-pg.js';
import type { Q, Storage, Tables } from './storage.js';

export const pgMigrationsFolder = join(projectRoot, 'migrations', 'pg');

/** Any fixed 64-bit key: held while one instance migrates, so instances starting together wait in turn. */
const MIGRATION_LOCK = 7_261_001;

type PgDb = NodePgDatabase<typeof pgSchema>;

const asQ = (db: unknown): Q => db as Q;

// Raw SQL returns the same JavaScript types on both backends: bigint (counts, epoch ms) as numbers
// (every value here is far below 2^53), json/jsonb as their text (drizzle's jsonb columns parse it;
// raw queries JSON.parse it as on SQLite). Booleans stay booleans (SQLite gives 0/1 in raw SQL).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.JSONB, (v) => v);
pg.types.setTypeParser(pg.types.builtins.JSON, (v) => v);

/** Open a pool on `url` and wrap it in the port. */
export function openPostgresStorage(url: string, opts: { max?: number } = {}): Storage {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    // Never hang a turn on a dead server: fail fast and let the caller answer "try again".
    connectionTimeoutMillis: 5_000,
    // A query stuck on a dead connection fails instead of holding a turn, a lease renewal or a
    // worker forever.
    query_timeout: 15_000,
    idleTimeoutMillis: 30_000,
    application_name: 'waspada',
  });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  const db: PgDb = drizzle(pool, { schema: pgSchema });
  return {
    dialect: 'postgres',
    t: pgSchema as unknown as Tables,
    sqlite: null,
    tx: (fn) => db.transaction((tx) => fn(asQ(tx))),
    run: (fn) => fn(asQ(db)),
    lock: async (q, key) => {
      await (q as unknown as PgDb).execute(sqlTag`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    },
    rows: async <T>(q: Q, query: SQL) => (await (q as unknown as PgDb).execute(query)).rows as T[],
    exec: async (q, query) => (await (q as unknown as PgDb).execute(query)).rowCount ?? 0,
    ping: async () => {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Apply pending PostgreSQL migrations under a session advisory lock: several instances started at
 * once migrate one after another, and the later ones find nothing to do.
 */
export async function migratePostgres(url: string, folder: string = pgMigrationsFolder): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'waspada-migrate' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // drizzle's migrator notices on an empty database; keep the log clean.
    client.on('notice', () => undefined);
    await migrate(drizzle(client), { migrationsFolder: folder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
