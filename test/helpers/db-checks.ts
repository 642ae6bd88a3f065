/**
 * Invariants every test that hammers the service checks on its database afterwards: the store is
 * intact and no tip row is half-written. SQLite checks its file and foreign keys with pragmas;
 * PostgreSQL enforces both itself (and jsonb is always valid JSON), so there the rows are checked.
 */
import type Database from 'better-sqlite3';
import type { Storage } from '../../src/storage/storage.js';
import { rawSql } from './raw-sql.js';

/** Tips missing a field every tip must have, or a complete tip missing a report field. */
export const PARTIAL_TIPS_SQL = `select id from tips where receipt_hash is null or receipt_hash = '' or channel is null or locale is null
  or answers is null or urgency not in ('urgent','normal') or urgency_score is null or urgency_reasons is null
  or created_at is null or updated_at is null
  or (complete = true and (category is null or regency is null or description is null or description = ''))`;

type Problems = { integrity: unknown; foreignKeys: unknown[]; partialTips: unknown[]; badStates: unknown[] };

/** The checks on either backend, through the app's storage. */
export async function dbProblems(app: { storage: Storage }): Promise<Problems> {
  const sqlite = app.storage.sqlite;
  if (sqlite) return sqliteProblems(sqlite.$client);
  return { integrity: 'ok', foreignKeys: [], partialTips: await rawSql(app).all(PARTIAL_TIPS_SQL), badStates: [] };
}

export function sqliteProblems(db: Database.Database): Problems {
  return {
    integrity: db.pragma('integrity_check', { simple: true }),
    foreignKeys: db.pragma('foreign_key_check') as unknown[],
    partialTips: db.prepare(PARTIAL_TIPS_SQL).all(),
    badStates: db.prepare('select pseudonym from conversations where json_valid(state) = 0').all(),
  };
}

export const HEALTHY_DB = { integrity: 'ok', foreignKeys: [], partialTips: [], badStates: [] };
