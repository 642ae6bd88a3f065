import { describe, expect, it } from 'vitest';
import { normaliseLicense, normaliseName } from '../../../src/registry/normalise.js';

describe('normaliseName', () => {
  it.each([
    ['PT. Maju-Jaya Abadi, Tbk', 'maju jaya abadi'],
    ['maju jaya abadi', 'maju jaya abadi'],
    ['P.T. MAJU JAYA ABADI', 'maju jaya abadi'],
    ['PT.Maju Jaya Abadi', 'maju jaya abadi'],
    ['  Maju   Jaya\tAbadi  ', 'maju jaya abadi'],
    ['Perseroan Terbatas Maju Jaya Abadi', 'maju jaya abadi'],
    ['PT Maju Jaya Abadi (Persero)', 'maju jaya abadi'],
    ['CV Sumber Rezeki', 'sumber rezeki'],
    ['C.V. Sumber Rezeki', 'sumber rezeki'],
    ['Sinar Harapan Sdn Bhd', 'sinar harapan'],
    ["PT Sinar Int'l", 'sinar internasional'],
    ['PT Sinar Intl', 'sinar internasional'],
    ['PT Sinar International', 'sinar internasional'],
    ['PT Sinar Internasional', 'sinar internasional'],
    ['PT Putra & Putri', 'putra dan putri'],
    ['PT Indo Karya', 'indo karya'],
    ['PT Sétia Kàrya', 'setia karya'],
    ['ＰＴ Ｍａｊｕ', 'maju'],
    ['PT Contoh Sejahtera Abadi (FIKTIF)', 'contoh sejahtera abadi'],
    ['PT', 'pt'],
    ['', ''],
    ['!!!', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it('keeps an impostor one word longer different from the licensed name', () => {
    expect(normaliseName('PT Maju Jaya Abadi Internasional')).not.toBe(normaliseName('PT Maju Jaya Abadi'));
  });
});

describe('normaliseLicense', () => {
  it.each([
    ['KEP 118/2019', 'KEP1182019'],
    ['kep1182019', 'KEP1182019'],
    ['Kep-118-2019', 'KEP1182019'],
    ['B.200/KEP/2020', 'B200KEP2020'],
    ['KEPMEN NO. 118 TAHUN 2019', 'KEPMENNO118TAHUN2019'],
    [' 118 / 2019 ', '1182019'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseLicense(input)).toBe(expected);
  });
});
