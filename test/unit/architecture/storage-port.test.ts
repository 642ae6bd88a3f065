/**
 * Repositories are written once against the storage port (src/storage/storage.ts) and run on
 * SQLite and PostgreSQL alike. Three things would quietly tie a module to SQLite, and this test
 * fails on each, naming the file and line:
 * - drizzle's SQLite-only executors `.run()`, `.all()`, `.get()` (the port awaits the builder);
 * - the raw better-sqlite3 handle (`$client`, `.pragma(`);
 * - a value import of the SQLite tables from `storage/schema.js` (tables come from `storage.t`;
 *   type-only imports are fine).
 * Only SQLite's own maintenance may do these: the files listed in SQLITE_MAINTENANCE.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');
const SQLITE_MAINTENANCE = new Set([
  'storage/storage.ts', // the SQLite side of the port itself
  'storage/db.ts', // opening the file with its pragmas
  'storage/checkpointer.ts', // WAL checkpoints (a worker thread; TRUNCATE after an erasure)
  'storage/backup.ts', // the file copy (`db:backup`; PostgreSQL uses pg_dump)
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const RULES: Array<[string, RegExp]> = [
  ['SQLite-only executor (await the builder instead)', /\.(?:run|all|get)\(\)/],
  ['raw better-sqlite3 handle', /\$client|\.pragma\(/],
  ['value import of the SQLite tables (use storage.t)', /^import\s+(?!type\b)[^;]*from\s+'(?:\.\.\/)*(?:storage\/)?schema\.js'/],
];

describe('storage port', () => {
  it('no module outside SQLite maintenance talks to SQLite directly', () => {
    const found: string[] = [];
    for (const path of files(SRC)) {
      const rel = relative(SRC, path).replaceAll('\\', '/');
      if (SQLITE_MAINTENANCE.has(rel)) continue;
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const [why, re] of RULES) if (re.test(line)) found.push(`src/${rel}:${i + 1} ${why}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('would notice one (the rules match what they forbid)', () => {
    expect(RULES[0]![1].test('db.select().from(tips).all();')).toBe(true);
    expect(RULES[1]![1].test('app.db.$client.prepare(x)')).toBe(true);
    expect(RULES[2]![1].test("import { tips } from '../storage/schema.js';")).toBe(true);
    expect(RULES[2]![1].test("import type { tips } from '../storage/schema.js';")).toBe(false);
  });
});
