/**
 * CSV import of the licensed-agency registry (CONTRACT.md, `registry:import`). Real lists come
 * from spreadsheets: Indonesian headers, a BOM, CRLF, `;` separators, quoted fields, dates
 * written three ways and statuses in two languages. Every row is checked; a bad one is
 * reported with its line number and skipped, never stopping the import. The valid rows are
 * applied in one transaction, so a failed import leaves the registry as it was.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import { normaliseLicense } from './normalise.js';
import type { AgencyRecord, AgencyStatus, ImportCounts, RegistryRepository } from './registry-repository.js';

/** Where an import goes: the repository (the CLI) or the registry service (which also rebuilds its snapshot). */
export type ImportTarget = Pick<RegistryRepository, 'getMeta' | 'applyImport'>;

export type Field = 'name' | 'licenseNumber' | 'status' | 'validUntil' | 'address' | 'city' | 'province';

/** Header aliases, compared after `headerKey` (lower-case, letters and digits only). */
const HEADER_ALIASES: Record<Field, string[]> = {
  name: ['name', 'nama', 'namaperusahaan', 'namap3mi', 'namapt', 'namalembaga', 'perusahaan', 'p3mi', 'companyname', 'agencyname', 'agency'],
  licenseNumber: ['licensenumber', 'licencenumber', 'license', 'licence', 'licenseno', 'licenceno', 'nomorizin', 'noizin', 'nomorijin', 'noijin', 'izin', 'sip3mi', 'nosip3mi', 'nomorsip3mi', 'nomorsk', 'nosk'],
  status: ['status', 'statusizin', 'statusp3mi', 'statuslisensi'],
  validUntil: ['validuntil', 'masaberlaku', 'berlakusampai', 'berlakuhingga', 'tanggalberakhir', 'masaberlakuizin', 'expires', 'expiry', 'expirydate'],
  address: ['address', 'alamat', 'alamatkantor', 'alamatkantorpusat'],
  city: ['city', 'kota', 'kabupaten', 'kabupatenkota', 'kotakabupaten', 'kabkota', 'kotakab', 'regency'],
  province: ['province', 'provinsi', 'propinsi'],
};

export const REQUIRED_FIELDS: Field[] = ['name', 'licenseNumber', 'status'];

/** Status words (after lower-casing and collapsing spaces) → the stored status. */
const STATUS_WORDS: Record<string, AgencyStatus> = {
  aktif: 'active',
  active: 'active',
  berlaku: 'active',
  'dihentikan sementara': 'suspended',
  'penghentian sementara': 'suspended',
  'dihentikan sementara sebagian': 'suspended',
  'dihentikan sementara seluruh': 'suspended',
  dibekukan: 'suspended',
  suspended: 'suspended',
  dicabut: 'revoked',
  pencabutan: 'revoked',
  revoked: 'revoked',
  kedaluwarsa: 'expired',
  kadaluwarsa: 'expired',
  kadaluarsa: 'expired',
  'habis masa berlaku': 'expired',
  expired: 'expired',
};

const MONTHS: Record<string, number> = {
  januari: 1, january: 1, jan: 1,
  februari: 2, pebruari: 2, february: 2, feb: 2, peb: 2,
  maret: 3, march: 3, mar: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, june: 6, jun: 6,
  juli: 7, july: 7, jul: 7,
  agustus: 8, august: 8, agu: 8, agt: 8, ags: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nopember: 11, nov: 11, nop: 11,
  desember: 12, december: 12, des: 12, dec: 12,
};

/** Header text → comparison key: "No. SIP3MI" → "nosip3mi". */
export function headerKey(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Map each column index to a field; unknown columns (such as "No") are left out. The first
 * column claiming a field wins.
 */
export function mapHeader(header: string[]): Map<number, Field> {
  const byKey = new Map<string, Field>();
  for (const [field, aliases] of Object.entries(HEADER_ALIASES) as Array<[Field, string[]]>) {
    for (const a of aliases) byKey.set(a, field);
  }
  const out = new Map<number, Field>();
  const taken = new Set<Field>();
  header.forEach((h, i) => {
    const f = byKey.get(headerKey(h));
    if (f && !taken.has(f)) {
      out.set(i, f);
      taken.add(f);
    }
  });
  return out;
}

/** A status cell → stored status, or null when the word is not in the vocabulary. */
export function parseStatus(s: string): AgencyStatus | null {
  const k = s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}]+/gu, ' ').trim();
  return STATUS_WORDS[k] ?? null;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date cell → ISO `YYYY-MM-DD`, or null when unreadable or impossible (31/02/2026).
 * Accepts ISO, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY and "12 Januari 2026" / "12 Jan 2026".
 *
 * ```ts
 * parseDate('12 Januari 2026'); // '2026-01-12'
 * parseDate('31/02/2026');      // null
 * ```
 */
export function parseDate(s: string): string | null {
  const t = s.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return isoDate(+m[3], +m[2], +m[1]);
  m = /^(\d{1,2})[\s-]+([\p{L}]+)\.?[\s-]+(\d{4})$/u.exec(t);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    return month ? isoDate(+m[3], month, +m[1]) : null;
  }
  return null;
}

export type RowError = { line: number; reason: string };

/** Check one data row; either a record or the reason it is rejected. */
export function parseRow(cells: string[], columns: Map<number, Field>): AgencyRecord | { reason: string } {
  const v: Partial<Record<Field, string>> = {};
  for (const [i, f] of columns) {
    const cell = (cells[i] ?? '').replace(/\s+/g, ' ').trim();
    if (cell) v[f] = cell;
  }
  if (!v.name) return { reason: 'no name' };
  if (!v.licenseNumber || !normaliseLicense(v.licenseNumber)) return { reason: 'no licence number' };
  if (!v.status) return { reason: 'no status' };
  const status = parseStatus(v.status);
  if (!status) return { reason: `unknown status "${v.status}"` };
  let validUntil: string | null = null;
  if (v.validUntil) {
    validUntil = parseDate(v.validUntil);
    if (!validUntil) return { reason: `impossible or unreadable date "${v.validUntil}"` };
  }
  return {
    name: v.name,
    licenseNumber: v.licenseNumber,
    status,
    validUntil,
    address: v.address ?? null,
    city: v.city ?? null,
    province: v.province ?? null,
  };
}

/** The import could not run at all (as opposed to single bad rows). */
export class ImportError extends Error {
  constructor(
    readonly code: 'missing_columns' | 'empty_file' | 'no_valid_rows',
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export type ImportSummary = ImportCounts & {
  /** Data rows read (valid and rejected). */
  rows: number;
  /** The registry held the fictional demo set, which this import replaced entirely. */
  replacedDemo: boolean;
  rejected: number;
  errors: RowError[];
};

export type ImportOptions = {
  /** Swap the whole registry (one transaction: delete all, insert these). */
  replace?: boolean;
  /** Where the list came from, stored per row and in meta. */
  source?: string | null;
  now: () => number;
  /** Field separator; by default sniffed from the header line (`,`, `;` or tab). */
  delimiter?: string;
  /** Called every `progressEvery` data rows (default 10,000). */
  onProgress?: (rows: number) => void;
  progressEvery?: number;
};

/**
 * CRLF → LF before parsing, so that line numbers stay right after a quoted field with a line
 * break (csv-parse counts an embedded CRLF twice). A CR at a chunk's end waits for the next.
 */
function crlfToLf(): Transform {
  let pending = '';
  // A multi-byte character can straddle two chunks; the decoder keeps the partial bytes.
  const decoder = new StringDecoder('utf8');
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      let text = pending + decoder.write(chunk);
      pending = '';
      if (text.endsWith('\r')) {
        pending = '\r';
        text = text.slice(0, -1);
      }
      done(null, text.replace(/\r\n/g, '\n'));
    },
    flush(done) {
      done(null, pending + decoder.end());
    },
  });
}

/** Pick `,`, `;` or tab, whichever the header line uses most (outside quotes). */
export function sniffDelimiter(sample: string): string {
  const firstLine = (sample.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

/**
 * Import a CSV stream into the registry. Resolves with the summary; rejects with
 * `ImportError` when the header lacks a required column or the input is empty.
 *
 * ```ts
 * const summary = await importRegistry(repo, createReadStream('p3mi.csv'), { now: Date.now });
 * ```
 */
export async function importRegistry(repo: ImportTarget, input: Readable, opts: ImportOptions): Promise<ImportSummary> {
  const parser = input.pipe(crlfToLf()).pipe(
    parse({
      bom: true,
      delimiter: opts.delimiter ?? ',',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  const every = opts.progressEvery ?? 10_000;
  let columns: Map<number, Field> | undefined;
  const records: AgencyRecord[] = [];
  const errors: RowError[] = [];
  let rows = 0;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!columns) {
      columns = mapHeader(record);
      const found = new Set(columns.values());
      const missing = REQUIRED_FIELDS.filter((f) => !found.has(f));
      if (missing.length) {
        input.destroy();
        throw new ImportError(
          'missing_columns',
          `Missing required column(s): ${missing.map((f) => HEADER_LABELS[f]).join(', ')}. Header was: ${record.join(', ')}`,
        );
      }
      continue;
    }
    if (record.every((c) => !c.trim())) continue;
    rows++;
    const parsed = parseRow(record, columns);
    if ('reason' in parsed) errors.push({ line: info.lines, reason: parsed.reason });
    else records.push(parsed);
    if (opts.onProgress && rows % every === 0) opts.onProgress(rows);
  }
  if (!columns) throw new ImportError('empty_file', 'The file is empty: expected a header row and data rows.');
  const importedAt = opts.now();
  const source = opts.source ?? null;
  // The first real list replaces the fictional demo set: fictional "AKTIF" agencies must never
  // stay live beside real ones once the demo flag is cleared.
  const replacedDemo = (await repo.getMeta('demo')) === 'true';
  if (replacedDemo && records.length === 0) {
    throw new ImportError('no_valid_rows', 'No valid rows: the fictional demo registry is kept until a list with valid rows is imported.');
  }
  const counts = await repo.applyImport(records, {
    replace: (opts.replace ?? false) || replacedDemo,
    source,
    importedAt,
    meta: {
      registry_updated_at: new Date(importedAt).toISOString(),
      registry_source: source,
      // A real import ends the demo, whatever it contains.
      demo: null,
    },
  });
  return { ...counts, rows, rejected: errors.length, errors, replacedDemo };
}

const HEADER_LABELS: Record<Field, string> = {
  name: 'name (Nama Perusahaan / Nama P3MI)',
  licenseNumber: 'license_number (Nomor Izin / No SIP3MI)',
  status: 'status',
  validUntil: 'valid_until (Masa Berlaku)',
  address: 'address (Alamat)',
  city: 'city (Kota / Kabupaten)',
  province: 'province (Provinsi)',
};

/** Import a CSV file, sniffing its delimiter from the first bytes. */
export async function importRegistryFile(repo: ImportTarget, path: string, opts: ImportOptions): Promise<ImportSummary> {
  let delimiter = opts.delimiter;
  if (!delimiter) {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      delimiter = sniffDelimiter(buf.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await fh.close();
    }
  }
  return importRegistry(repo, createReadStream(path), { ...opts, delimiter });
}
