/**
 * A real, temporary PostgreSQL cluster for tests: Debian's `postgresql` binaries (initdb, pg_ctl),
 * no system service. The data directory and the socket live in a temp folder; durability is off
 * (fsync) because the cluster dies with the run. As root (CI), the server runs as the `postgres` user.
 *
 * One cluster serves a whole test run (test/setup/postgres-global.ts starts it and provides its base
 * URL); each test gets its own database from `createTestDatabase`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

export type PgCluster = { baseUrl: string; dir: string; stop(): void };

/** The directory holding initdb/pg_ctl, or null when PostgreSQL is not installed. */
export function pgBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return found ? join(found, '..') : null;
}

/** Start a throwaway cluster on a free port; `stop()` removes it. */
export async function startPgCluster(o: { durable?: boolean } = {}): Promise<PgCluster> {
  const bin = pgBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql; .ci/run does it)');
  const dir = mkdtempSync(join(tmpdir(), 'waspada-pg-'));
  const asRoot = process.getuid?.() === 0;
  let uid: number | undefined;
  if (asRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] as const : [join(bin, cmd), args] as const;
    const r = spawnSync(full[0], [...full[1]], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'waspada', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const port = await freePort();
  const opts = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    // Tests: no durability at all. Benchmarks (`durable`): crash-safe files, commits flushed in the
    // background like SQLite's WAL with synchronous=NORMAL (README "Scaling").
    ...(o.durable ? ['-c synchronous_commit=off'] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    '-c max_connections=300',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  const baseUrl = `postgres://waspada@127.0.0.1:${port}`;
  return {
    baseUrl,
    dir,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let counter = 0;

/** A fresh, empty database on the cluster at `baseUrl`; returns its URL. */
export async function createTestDatabase(baseUrl: string): Promise<string> {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const client = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return `${baseUrl}/${name}`;
}
