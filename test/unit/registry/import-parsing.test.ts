import { describe, expect, it } from 'vitest';
import { mapHeader, parseDate, parseStatus, sniffDelimiter } from '../../../src/registry/import.js';

describe('parseDate', () => {
  it.each([
    ['2026-01-12', '2026-01-12'],
    ['12/01/2026', '2026-01-12'],
    ['12-01-2026', '2026-01-12'],
    ['1/2/2026', '2026-02-01'],
    ['12 Januari 2026', '2026-01-12'],
    ['12 januari 2026', '2026-01-12'],
    ['12 Jan 2026', '2026-01-12'],
    ['5 Agu 2023', '2023-08-05'],
    ['1 Mei 2027', '2027-05-01'],
    ['31 Desember 2025', '2025-12-31'],
    ['29/02/2028', '2028-02-29'],
  ])('%j → %j', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(['31/02/2026', '29/02/2026', '2026-13-01', '00/01/2026', '12 Foo 2026', 'besok', '2026/01/12', '12.01.26'])(
    'rejects %j',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );
});

describe('parseStatus', () => {
  it.each([
    ['Aktif', 'active'],
    ['ACTIVE', 'active'],
    ['Dihentikan  Sementara', 'suspended'],
    ['dibekukan', 'suspended'],
    ['Suspended', 'suspended'],
    ['Dicabut', 'revoked'],
    ['revoked', 'revoked'],
    ['Kedaluwarsa', 'expired'],
    ['Habis Masa Berlaku', 'expired'],
    ['expired', 'expired'],
  ])('%j → %j', (input, expected) => {
    expect(parseStatus(input)).toBe(expected);
  });

  it('does not guess unknown words', () => {
    expect(parseStatus('entah')).toBeNull();
    expect(parseStatus('')).toBeNull();
  });
});

describe('mapHeader', () => {
  it('matches canonical and Indonesian headers, ignoring case, spaces and punctuation', () => {
    const m = mapHeader(['No', 'Nama P3MI', 'No. SIP3MI', 'STATUS', 'Masa Berlaku', 'Alamat', 'Kabupaten/Kota', 'Provinsi', 'Catatan']);
    expect([...m.entries()]).toEqual([
      [1, 'name'],
      [2, 'licenseNumber'],
      [3, 'status'],
      [4, 'validUntil'],
      [5, 'address'],
      [6, 'city'],
      [7, 'province'],
    ]);
    expect([...mapHeader(['name', 'license_number', 'status', 'valid_until']).values()]).toEqual([
      'name',
      'licenseNumber',
      'status',
      'validUntil',
    ]);
    expect([...mapHeader(['Nama Perusahaan', 'Nomor Izin', 'Kota']).values()]).toEqual(['name', 'licenseNumber', 'city']);
  });
});

describe('sniffDelimiter', () => {
  it('picks the separator of the header line', () => {
    expect(sniffDelimiter('\uFEFFNama;Nomor Izin;Status\r\nA;B;C')).toBe(';');
    expect(sniffDelimiter('name,license_number,status\n')).toBe(',');
    expect(sniffDelimiter('"a;b",c,d\n')).toBe(',');
    expect(sniffDelimiter('name\tlicense\tstatus')).toBe('\t');
  });
});
