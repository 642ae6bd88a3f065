/**
 * The general mechanisms added after the second tuning batch: wordings no phrase list spells out
 * must still be read, and their look-alikes must not raise false alarms.
 */
import { describe, expect, it } from 'vitest';
import { tokenise } from '../../../src/triage/normalise.js';
import { scanText } from '../../../src/triage/score.js';
import { stemCandidates } from '../../../src/triage/stem.js';

describe('roots in dialect, SMS and English forms', () => {
  it('reads the dialect "o" of the last syllable, the SMS "d-" passive and English inflections', () => {
    expect(stemCandidates('bunoh')).toContain('bunuh');
    expect(stemCandidates('dtembak')).toContain('tembak');
    expect(stemCandidates('terkurung')).toContain('kurung');
    expect(stemCandidates('stabbed')).toContain('stab');
    expect(stemCandidates('choking')).toContain('choke');
  });

  it('flags violence and threats written that way', () => {
    expect(scanText('bos nak bunoh kamek').indicators).toContain('intimidation_threats');
    expect(scanText('tlg sy dipkl trs').indicators).toContain('physical_sexual_violence');
    expect(scanText('bos nya blg klo kabur adk sy bkl dtembak').urgency).toBe('urgent');
    expect(scanText('the supervisor punched and kicked him').indicators).toContain('physical_sexual_violence');
  });

  it('does not read "pkl 3" (o\'clock) or a bare root as violence', () => {
    expect(scanText('sy ke kantor pkl 3 sore').indicators).not.toContain('physical_sexual_violence');
    expect(scanText('dia tidak pernah dipkl').indicators).not.toContain('physical_sexual_violence');
  });
});

describe('token rewrites', () => {
  it('joins a split passive only for verbs the signals know', () => {
    expect(scanText('sy d kunci d kmr').indicators).toContain('restriction_of_movement');
    expect(scanText('saya di kamar, aman').indicators).not.toContain('restriction_of_movement');
  });

  it('drops a noun\'s possessive -nya and reads number words as digits', () => {
    expect(tokenise('hpnya disita, makannya sisa')).toEqual(['hp', 'disita', '~', 'makan', 'sisa']);
    expect(tokenise('umur sebelas taon, tiga puluh lima orang')).toEqual(['umur', '11', 'tahun', '~', '35', 'orang']);
    expect(scanText('Anak kecik umur sebelas taon kerje di kebun').indicators).toContain('minor');
  });

  it("keeps the future in \"they'll\"", () => {
    expect(scanText("They'll sell me to another company if I don't scam enough.").indicators).toContain('intimidation_threats');
  });
});

describe('co-occurrence signals', () => {
  it('reads a crew kept at sea, and not a boat that docks', () => {
    expect(scanText('kapal belum sandar 8 bulan, gajinya belum pernah dibayar').urgency).toBe('urgent');
    expect(scanText('Kapal suami saya sandar setiap dua minggu, dia bisa telepon').urgency).toBe('normal');
  });

  it('reads exposure as a threat only when said as a condition or future', () => {
    expect(scanText('Bos bilang kalau dia berhenti, fotonya akan disebar ke keluarga.').indicators).toContain('intimidation_threats');
    expect(scanText('Saya mau kirim foto paspor saya ke sini.').urgency).toBe('normal');
  });

  it('reads food, sleep and rest taken away together as urgent, and paid overtime as not', () => {
    expect(scanText('Die disuroh kerje siang malam di kebun, tidok cume tige jam, makan nasi same garam.').urgency).toBe('urgent');
    expect(scanText('Suami saya kerja lembur sampai jam 9 malam tapi dibayar lembur dan boleh pulang tiap hari.').urgency).toBe('normal');
  });

  it('reads people waiting for dark to cross, but not someone waiting for a ferry', () => {
    expect(scanText('sekelompok orang dimasukkan ke rumah di Sekayam, menunggu gelap untuk menyeberang').urgency).toBe('urgent');
    expect(scanText('besok saya menunggu kapal ke Batam untuk kuliah').urgency).toBe('normal');
  });
});

describe('context around injuries and the past', () => {
  it('reads an injury as violence unless an accident caused it', () => {
    expect(scanText('adik saya berdarah dan lebam, bos marah terus').indicators).toContain('physical_sexual_violence');
    expect(scanText('Anak saya jatuh dari motor kemarin dan berdarah, sudah ke puskesmas.').urgency).toBe('normal');
  });

  it('keeps a state that began then and goes on, but lowers one that ended', () => {
    expect(scanText('Dia tidak pernah terlihat keluar sejak Lebaran, dia pernah melempar kertas minta tolong.').urgency).toBe('urgent');
    expect(scanText('He used to be locked in by his employer years ago, but he has been free and home since 2019.').urgency).toBe('normal');
  });
});
