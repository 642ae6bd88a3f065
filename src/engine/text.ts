/**
 * Pure text helpers shared by the engine and the services (no I/O, no randomness).
 */

/** Lower-case, trim, fold spaces and strip surrounding punctuation, for matching words and labels. */
export function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s"'“”‘’.,!?:;()[\]]+|[\s"'“”‘’.,!?:;()[\]]+$/g, '');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_SYMBOLS = 12;

/**
 * Normalise a typed receipt: case, spaces and dashes ignored, Crockford look-alikes mapped
 * (O→0, I/L→1). Returns the 12 bare symbols, or null when it cannot be a receipt.
 *
 * ```ts
 * normaliseReceipt('7k3f q9xm-2hda') // '7K3FQ9XM2HDA'
 * ```
 */
export function normaliseReceipt(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== RECEIPT_SYMBOLS) return null;
  for (const ch of s) if (!CROCKFORD.includes(ch)) return null;
  return s;
}

/** Group 12 symbols in fours, e.g. `7K3F-Q9XM-2HDA`. */
export function groupReceipt(s: string): string {
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

export const CROCKFORD_ALPHABET = CROCKFORD;

/** Validate a typed answer for a text step (`Validator`): the cleaned value, or null to re-ask. */
export function validateText(v: string | undefined, raw: string, max: number): string | null {
  const text = raw.replace(/\u0000/g, '').trim();
  if (!text) return null;
  switch (v) {
    case 'receipt':
      return normaliseReceipt(text);
    case 'query':
      return text.length >= 2 && text.length <= 200 ? text : null;
    case 'short':
      return text.length <= 300 ? text : null;
    default:
      return text.length <= max ? text : null;
  }
}
