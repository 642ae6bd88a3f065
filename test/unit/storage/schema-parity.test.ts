/**
 * The two schemas (SQLite `schema.ts`, PostgreSQL `schema-pg.ts`) must describe the same tables:
 * repositories are written once against the SQLite declarations' types and run on either. A column,
 * index or nullability added to one and not the other fails here, before a deployer finds it.
 */
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { is } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as pg from '../../../src/storage/schema-pg.js';
import * as sqlite from '../../../src/storage/schema.js';

type Shape = { name: string; columns: Array<[string, { notNull: boolean; primary: boolean; kind: string }]>; indexes: string[] };

/** What a repository can rely on, in dialect-neutral words. */
const kindOf = (dataType: string, sqlType: string): string => {
  if (dataType === 'boolean') return 'boolean';
  if (dataType === 'json') return 'json';
  if (dataType === 'number' || /int/i.test(sqlType)) return 'number';
  return 'string';
};

function sqliteShapes(): Map<string, Shape> {
  const out = new Map<string, Shape>();
  for (const t of Object.values(sqlite)) {
    if (!is(t, SQLiteTable)) continue;
    const c = sqliteConfig(t);
    out.set(c.name, {
      name: c.name,
      columns: c.columns
        .map((col) => [col.name, { notNull: col.notNull, primary: col.primary, kind: col.columnType === 'SQLiteTextJson' ? 'json' : kindOf(col.dataType, col.getSQLType()) }] as Shape['columns'][number])
        .sort((a, b) => a[0].localeCompare(b[0])),
      indexes: c.indexes.map((i) => `${i.config.name}${i.config.unique ? ' unique' : ''}`).sort(),
    });
  }
  return out;
}

function pgShapes(): Map<string, Shape> {
  const out = new Map<string, Shape>();
  for (const t of Object.values(pg)) {
    if (!is(t, PgTable)) continue;
    const c = pgConfig(t);
    out.set(c.name, {
      name: c.name,
      columns: c.columns
        .map((col) => [col.name, { notNull: col.notNull, primary: col.primary, kind: col.columnType === 'PgJsonb' ? 'json' : kindOf(col.dataType, col.getSQLType()) }] as Shape['columns'][number])
        .sort((a, b) => a[0].localeCompare(b[0])),
      indexes: c.indexes.map((i) => `${i.config.name}${i.config.unique ? ' unique' : ''}`).sort(),
    });
  }
  return out;
}

describe('SQLite and PostgreSQL schemas', () => {
  const a = sqliteShapes();
  const b = pgShapes();

  it('declare the same tables', () => {
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect(a.size).toBeGreaterThan(15);
  });

  it('declare the same columns, nullability, keys, kinds and indexes in every table', () => {
    for (const [name, shape] of a) expect(b.get(name), name).toEqual(shape);
  });
});
