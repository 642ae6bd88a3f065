/**
 * What every CLI reads first: the server's configuration (the same `.env` and zod schema), and
 * the database it names. A CLI never creates a database silently — a mistyped or missing
 * `DATABASE_PATH` would otherwise leave officers' tokens or an imported registry in a file the
 * service never opens.
 */
import 'dotenv/config';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type Env, parseEnv } from '../config.js';

export type CliDatabase = { ok: true; env: Env; path: string; exists: boolean } | { ok: false; exitCode: number; message: string };

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
  return { ok: true, env: parsed, path, exists };
}
