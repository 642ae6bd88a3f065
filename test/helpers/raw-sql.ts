/**
 * Raw SQL checks in tests that run on either backend: `?` placeholders, rows as plain objects with
 * the same JavaScript types (PostgreSQL booleans become 0/1 as SQLite gives them; bigint and json
 * already match, src/storage/postgres.ts). Through the storage port, so on SQLite it never lands
 * inside a turn's open transaction.
 *
 * ```ts
 * const db = rawSql(svc.app);
 * expect(await db.get('select count(*) as n from tips where urgency = ?', 'urgent')).toEqual({ n: 1 });
 * ```
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Storage } from '../../src/storage/storage.js';

function build(text: string, params: unknown[]): SQL {
  const parts = text.split('?');
  if (parts.length - 1 !== params.length) throw new Error(`rawSql: ${parts.length - 1} placeholders, ${params.length} values`);
  let query = sql.raw(parts[0] ?? '');
  for (let i = 0; i < params.length; i++) query = sql`${query}${params[i]}${sql.raw(parts[i + 1] ?? '')}`;
  return query;
}

const asSqlite = (row: Record<string, unknown>) => {
  for (const k of Object.keys(row)) if (typeof row[k] === 'boolean') row[k] = row[k] ? 1 : 0;
  return row;
};

export function rawSql(app: { storage: Storage }) {
  const s = app.storage;
  return {
    async all<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]> {
      const rows = await s.run((q) => s.rows<Record<string, unknown>>(q, build(text, params)));
      return rows.map(asSqlite) as T[];
    },
    async get<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T | undefined> {
      return (await this.all<T>(text, ...params))[0];
    },
    async run(text: string, ...params: unknown[]): Promise<number> {
      return s.run((q) => s.exec(q, build(text, params)));
    },
  };
}
