/**
 * The storage port: repositories are written once against it and run on SQLite (one node, the
 * default) or PostgreSQL (`DATABASE_URL`, several instances on one database).
 *
 * - Queries are drizzle query builders, always awaited (`await q.select()…`), never the SQLite-only
 *   `.run()/.all()/.get()`; tables come from `storage.t` (the dialect's own schema: schema.ts or
 *   schema-pg.ts, the same shape). test/unit/architecture/storage-port.test.ts keeps moved modules
 *   off the SQLite-only calls.
 * - `tx(fn)` is one transaction; `run(fn)` is work outside one (each statement commits alone).
 *   SQLite has one connection: every `tx` and `run` of this process goes through one queue, so an
 *   open transaction never sees another caller's statements between its awaits. PostgreSQL uses a
 *   pool: READ COMMITTED transactions, with `lock(q, key)` (a transaction-scoped advisory lock) where
 *   work on one key must not interleave across instances.
 * - SQL that must differ per dialect is written per dialect where it is used (`storage.dialect`);
 *   `rows`/`exec` run such raw SQL in either.
 */
import type { SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { type Db, openDb, pingDb } from './db.js';
import * as sqliteSchema from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
/** The tables, typed once (SQLite's declarations; PostgreSQL's twin has the same TypeScript shape). */
export type Tables = typeof sqliteSchema;
/**
 * A query handle: the base handle or one transaction's. Typed as drizzle's SQLite builder, whose
 * methods PostgreSQL's builder mirrors under `await` (select/insert/update/delete, returning,
 * onConflictDoNothing/DoUpdate).
 */
export type Q = BetterSQLite3Database<Tables>;

export interface Storage {
  readonly dialect: Dialect;
  /** The dialect's tables. */
  readonly t: Tables;
  /** Run `fn` in one transaction (committed when it resolves, rolled back when it throws). */
  tx<T>(fn: (q: Q) => Promise<T>): Promise<T>;
  /** Run `fn` outside a transaction: reads, and writes that are one statement each. */
  run<T>(fn: (q: Q) => Promise<T>): Promise<T>;
  /**
   * Inside `tx`: hold `key` until the transaction ends, across every instance (PostgreSQL's
   * `pg_advisory_xact_lock`). On SQLite the transaction already excludes every other writer.
   */
  lock(q: Q, key: string): Promise<void>;
  /** Raw SQL (written per dialect where it must differ) → rows as objects. */
  rows<T>(q: Q, query: SQL): Promise<T[]>;
  /** Raw SQL → affected rows. */
  exec(q: Q, query: SQL): Promise<number>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** The SQLite handle (WAL maintenance, backups); null on PostgreSQL. */
  readonly sqlite: Db | null;
}

/** Affected rows of an awaited insert/update/delete without `returning` (SQLite `changes`, PostgreSQL `rowCount`). */
export function affected(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}

/** Wrap an open SQLite database (drizzle over better-sqlite3) in the port. */
export function sqliteStorage(db: Db, opts: { ownsDb?: boolean } = {}): Storage {
  const client = db.$client;
  // One queue for every statement of this process: a transaction spans awaits, and on one
  // connection anything run between them would join it.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = tail.then(fn, fn);
    tail = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  };
  return {
    dialect: 'sqlite',
    t: sqliteSchema,
    sqlite: db,
    tx: (fn) =>
      serial(async () => {
        client.exec('BEGIN IMMEDIATE');
        try {
          const r = await fn(db);
          client.exec('COMMIT');
          return r;
        } catch (err) {
          if (client.inTransaction) client.exec('ROLLBACK');
          throw err;
        }
      }),
    run: (fn) => serial(() => fn(db)),
    lock: async () => undefined,
    rows: async <T>(q: Q, query: SQL) => q.all(query) as T[],
    exec: async (q, query) => q.run(query).changes,
    ping: async () => pingDb(db),
    close: async () => {
      if (opts.ownsDb !== false) client.close();
    },
  };
}

/** Open SQLite at `path` (creating it) as the port. */
export function openSqliteStorage(path: string): Storage {
  return sqliteStorage(openDb(path));
}

/**
 * Open the configured backend: PostgreSQL when `DATABASE_URL` is set (it wins over
 * `DATABASE_PATH`, CONTRACT.md), else SQLite. Migrations are applied by `migrateStorage`.
 */
export async function openStorage(config: { DATABASE_URL?: string; DATABASE_PATH: string }): Promise<Storage> {
  if (config.DATABASE_URL) {
    const { openPostgresStorage } = await import('./postgres.js');
    return openPostgresStorage(config.DATABASE_URL);
  }
  return openSqliteStorage(config.DATABASE_PATH);
}
