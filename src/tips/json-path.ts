/**
 * A text value inside a JSON column, in the storage's dialect: SQLite `json_extract(col, '$.a.b')`,
 * PostgreSQL `col #>> '{a,b}'` (jsonb). Both give text for strings and numbers, so comparisons with
 * ids work the same on either (PostgreSQL types the bound parameters from the text side).
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Storage } from '../storage/storage.js';

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * ```ts
 * inArray(jsonText(s, outbox.payload, 'tipId'), ids);
 * sql`${jsonText(s, conversations.state, 'vars', 'tipId')} = ${tipId}`;
 * ```
 */
export function jsonText(s: Pick<Storage, 'dialect'>, column: SQLWrapper, ...path: string[]): SQL {
  // The path is written into the SQL text: only plain keys, never input.
  if (!path.length || !path.every((k) => KEY.test(k))) throw new Error(`bad JSON path: ${path.join('.')}`);
  return s.dialect === 'postgres'
    ? sql`(${column} #>> ${sql.raw(`'{${path.join(',')}}'`)})`
    : sql`json_extract(${column}, ${sql.raw(`'$.${path.join('.')}'`)})`;
}
