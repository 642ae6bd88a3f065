/**
 * What every CLI reads first: the server's configuration (the same `.env` and zod schema), and
 * the database it names. A CLI never creates a database silently — a mistyped or missing
 * `DATABASE_PATH` would otherwise leave officers' tokens or an imported registry in a file the
 * service never opens. With `DATABASE_URL` set they work on that PostgreSQL database instead.
 */
import 'dotenv/config';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type Env, parseEnv } from '../config.js';
import { migrateStorage } from '../storage/migrate.js';
import { openStorage, type Storage } from '../storage/storage.js';

export type CliDatabase =
  | {
      ok: true;
      env: Env;
      /** The SQLite file, or null on PostgreSQL (`DATABASE_URL`). */
      path: string | null;
      /** What to name in messages: the file, or `PostgreSQL host/db` (never the credentials). */
      where: string;
      exists: boolean;
    }
  | { ok: false; exitCode: number; message: string };

/** `PostgreSQL host:port/db` from a URL, without user or password. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.host}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/**
 * Resolve the database a CLI works on. Without `create`, a missing file is an error that names
 * the path looked at and where it came from.
 *
 * ```ts
 * const target = cliDatabase('officer:token', { create: args.values.create ?? false });
 * if (!target.ok) { process.stderr.write(target.message); return target.exitCode; }
 * ```
 */
export function cliDatabase(tool: string, opts: { create: boolean }, env: Record<string, string | undefined> = process.env): CliDatabase {
  let parsed: Env;
  try {
    parsed = parseEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, exitCode: 2, message: `${tool}: ${err.message}\n` };
    throw err;
  }
  // PostgreSQL is a server the deployer created: nothing is created by accident there.
  if (parsed.DATABASE_URL) return { ok: true, env: parsed, path: null, where: describeUrl(parsed.DATABASE_URL), exists: true };
  const path = resolve(parsed.DATABASE_PATH);
  const exists = existsSync(path);
  if (!exists && !opts.create) {
    const from = env.DATABASE_PATH ? 'DATABASE_PATH (environment or .env)' : 'the default, as DATABASE_PATH is not set in the environment or .env';
    return {
      ok: false,
      exitCode: 1,
      message:
        `${tool}: no database at ${path} (from ${from}).\n` +
        `  Set DATABASE_PATH to the file the service uses (see its .env), run this from the service's directory,\n` +
        `  or pass --create to start a new, empty database there.\n`,
    };
  }
  return { ok: true, env: parsed, path, where: path, exists };
}

/**
 * Open and migrate the database a CLI resolved: PostgreSQL when `DATABASE_URL` is set (it wins,
 * as for the server), else the SQLite file. Close it with `storage.close()`.
 */
export async function openCliStorage(target: Extract<CliDatabase, { ok: true }>): Promise<Storage> {
  const storage = await openStorage({ DATABASE_URL: target.env.DATABASE_URL, DATABASE_PATH: target.path ?? target.env.DATABASE_PATH });
  try {
    await migrateStorage(storage, { DATABASE_URL: target.env.DATABASE_URL });
  } catch (err) {
    await storage.close();
    throw err;
  }
  return storage;
}
