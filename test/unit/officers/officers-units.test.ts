import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/officers/csv.js';
import { decodeCursor, encodeCursor, isoWeek } from '../../../src/officers/officer-tips-repository.js';
import { generateToken, hashToken, sameToken } from '../../../src/officers/tokens.js';

describe('csvCell', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+62812', `"'+62812"`],
    ['-5', `"'-5"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['say "hi", ok', `"say ""hi"", ok"`],
    ['a=b', '"a=b"'],
    [null, '""'],
    [42, '"42"'],
  ])('%j → %s', (input, out) => expect(csvCell(input)).toBe(out));

  it('builds a BOM-prefixed CRLF document', () => {
    expect(toCsv(['a', 'b'], [['x', 'y\nz']])).toBe('\uFEFF"a","b"\r\n"x","y\nz"\r\n');
  });
});

describe('cursor and week helpers', () => {
  it('round-trips cursors and rejects foreign ones', () => {
    expect(decodeCursor(encodeCursor(1_767_225_600_000, 'TIP-7K3F9Q'))).toEqual({ createdAt: 1_767_225_600_000, id: 'TIP-7K3F9Q' });
    expect(decodeCursor('garbage')).toBeNull();
    expect(decodeCursor(Buffer.from("1|x' or 1=1").toString('base64url'))).toBeNull();
  });

  it('labels ISO weeks in Asia/Pontianak time', () => {
    expect(isoWeek(Date.UTC(2026, 0, 1, 12))).toBe('2026-W01'); // Thursday
    expect(isoWeek(Date.UTC(2027, 0, 1, 12))).toBe('2026-W53'); // Friday, belongs to 2026's last week
    expect(isoWeek(Date.UTC(2026, 0, 4, 16, 59))).toBe('2026-W01'); // Sun 23:59 WIB
    expect(isoWeek(Date.UTC(2026, 0, 4, 17, 0))).toBe('2026-W02'); // Mon 00:00 WIB
  });
});

describe('tokens', () => {
  it('makes 256-bit base64url tokens and compares hashes', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[a-f0-9]{64}$/);
    expect(sameToken(a, a)).toBe(true);
    expect(sameToken(a, `${a}x`)).toBe(false);
  });
});
