/**
 * CSV for spreadsheets that officers open in Excel or LibreOffice: UTF-8 with a BOM (so Excel
 * reads Indonesian text right), CRLF lines, every cell quoted, and formula injection defused —
 * a reporter's text starting with `=`, `+`, `-`, `@`, TAB or CR gets a leading apostrophe so it
 * is shown as text, never evaluated.
 */

/** One cell, quoted and defused. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * A whole document: BOM, header, rows.
 *
 * ```ts
 * toCsv(['id', 'description'], [['TIP-1', '=HYPERLINK("x")']]); // '\uFEFF"id","description"\r\n"TIP-1","\'=HYPERLINK(""x"")"\r\n'
 * ```
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
