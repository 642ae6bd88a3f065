/**
 * `npm run registry:import -- FILE.csv [--source NAME] [--replace]` (CONTRACT.md).
 * Reads the server's configuration (.env, DATABASE_URL or DATABASE_PATH); refuses to create a SQLite
 * database unless --create. Running services notice the import within a few seconds (registry_version).
 */
import { parseArgs } from 'node:util';
import { ImportError, importRegistryFile } from '../registry/import.js';
import { createRegistryRepository } from '../registry/registry-repository.js';
import { cliDatabase, openCliStorage } from './cli-config.js';

const HELP = `Usage: npm run registry:import -- FILE.csv [--source NAME] [--replace] [--create]

Import the licensed-agency (P3MI) registry from a CSV file with a header row.

Columns (matched ignoring case, spaces and punctuation; others, such as "No", are ignored):
  name            Nama Perusahaan, Nama P3MI                 (required)
  license_number  Nomor Izin, No SIP3MI, Nomor SIP3MI        (required)
  status          aktif|active, dihentikan sementara|dibekukan|suspended,
                  dicabut|revoked, kedaluwarsa|habis masa berlaku|expired   (required)
  valid_until     Masa Berlaku: 2026-01-12, 12/01/2026, 12-01-2026, 12 Januari 2026
  address         Alamat
  city            Kota, Kabupaten, Kabupaten/Kota
  province        Provinsi

Rows are upserted by licence number; re-importing the same file changes nothing. A bad row is
reported with its line number and skipped. Separators "," ";" and tab are detected.

Options:
  --source NAME   where the list comes from (stored with each row)
  --replace       replace the whole registry atomically with this file
  --create        create the database if DATABASE_PATH does not exist yet
  -h, --help      show this help

While the registry still holds the fictional demo set (a fresh install), the first import
replaces it entirely, as with --replace: real and fictional agencies are never mixed.

Configuration: the service's own (.env and the environment; DATABASE_URL for PostgreSQL, else
DATABASE_PATH, default ./data/waspada.db). A missing database file is an error unless --create
is given. Running services answer from the new list within a few seconds.
`;

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      allowPositionals: true,
      options: { source: { type: 'string' }, replace: { type: 'boolean' }, create: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  }
  try {
    args = parse();
  } catch (err) {
    process.stderr.write(`registry:import: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) {
    process.stderr.write(`registry:import: expected exactly one CSV file\n\n${HELP}`);
    return 2;
  }
  const target = cliDatabase('registry:import', { create: args.values.create ?? false });
  if (!target.ok) {
    process.stderr.write(target.message);
    return target.exitCode;
  }
  let storage: Awaited<ReturnType<typeof openCliStorage>> | undefined;
  try {
    storage = await openCliStorage(target);
    const repo = createRegistryRepository(storage);
    const summary = await importRegistryFile(repo, file, {
      replace: args.values.replace ?? false,
      source: args.values.source ?? null,
      now: Date.now,
      onProgress: (rows) => process.stderr.write(`… ${rows.toLocaleString('en')} rows read\n`),
    });
    for (const e of summary.errors) process.stderr.write(`line ${e.line}: ${e.reason} (skipped)\n`);
    if (summary.replacedDemo) {
      process.stdout.write(`The fictional demo registry (${summary.removed} agencies) was replaced by this list: demo data and real data are never mixed.\n`);
    }
    const removed = args.values.replace || summary.replacedDemo ? `, ${summary.removed} removed` : '';
    process.stdout.write(
      `Imported ${file} into ${target.where}: ${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected${removed}.\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ImportError) {
      process.stderr.write(`registry:import: ${err.message}\n`);
      return 1;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      process.stderr.write(`registry:import: cannot read ${file} (${code})\n`);
      return 1;
    }
    throw err;
  } finally {
    await storage?.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`registry:import: failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
