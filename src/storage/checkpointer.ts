/**
 * WAL checkpoints mostly off the request path. By default SQLite checkpoints inside the COMMIT
 * that pushes the WAL past 1000 pages, so one unlucky turn pays for copying everyone's pages into
 * the database file. Here a worker thread with its own connection runs PASSIVE checkpoints every
 * `intervalMs`: they never block a writer and copy (backfill) most frames in the background. The
 * service's own connection keeps SQLite's autocheckpoint as the bound: when it fires, most
 * frames are already copied, so the inline part is short, and because it runs between our own
 * (single-threaded) writes it completes, which lets the next commit restart the WAL from its start
 * (`journal_size_limit` trims the file then).
 *
 * Measured: with the autocheckpoint turned off and only the worker checkpointing, the WAL grew to
 * 750 MB in 12 s of sustained writes (a PASSIVE checkpoint racing a writer never finishes, so the
 * WAL never restarts) and turns slowed tenfold. Durability is unchanged either way: a commit is
 * in the WAL, and the WAL is the database until it is checkpointed, across crashes too.
 *
 * ```ts
 * const stop = startCheckpointer(db, config.DATABASE_PATH);
 * await stop();
 * ```
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 50');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: next tick */ }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.postMessage('stopped');
  parentPort.close();
});
`;

/** Start the checkpointer for a file database; returns a stop function (no-op for `:memory:`). */
export function startCheckpointer(db: Db, path: string, intervalMs = 250): () => Promise<void> {
  if (path === ':memory:' || path === '') return async () => undefined;
  db.$client.pragma('wal_autocheckpoint = 1000');
  db.$client.pragma(`journal_size_limit = ${32 * 1024 * 1024}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { path, driver, intervalMs } });
  worker.unref();
  let failed = false;
  worker.on('error', () => {
    // The service's own autocheckpoint still bounds the WAL; it just does all the copying itself.
    failed = true;
  });
  return async () => {
    if (failed) return;
    const done = new Promise<void>((resolve) => {
      worker.once('message', () => resolve());
      worker.once('exit', () => resolve());
    });
    worker.postMessage('stop');
    await done;
    await worker.terminate();
  };
}

/**
 * Move everything in the WAL into the database file and truncate the WAL to zero bytes, so
 * erased rows' old page images do not linger in it. The background checkpointer
 * (src/storage/checkpointer.ts) may hold the checkpoint lock for a moment: retry briefly.
 * Returns false when it still could not finish (the next erase or retention run tries again).
 * SQLite only; call it with no transaction open on the connection (through the storage's queue,
 * as `checkpointWal` in src/tips/erasure.ts does).
 */
export function checkpointTruncate(db: Db, attempts = 50): boolean {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < attempts; i++) {
    try {
      const r = db.$client.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      if ((r[0]?.busy ?? 0) === 0) return true;
    } catch {
      // SQLITE_BUSY from a concurrent checkpoint: wait and retry
    }
    Atomics.wait(pause, 0, 0, 10);
  }
  return false;
}
