import { describe, expect, it } from 'vitest';
import { scanText, scoreTip, URGENT_THRESHOLD } from '../../../src/triage/score.js';

const reasons = (text: string): string[] => scanText(text).reasons;

describe('scanText: negation', () => {
  it('cancels a signal negated just before it, in any spelling', () => {
    for (const text of [
      'dia tidak dipukul',
      'dia tdk dipukul',
      'dia gak disekap',
      'dia ga pernah dipukul',
      'dia nggak dikurung',
      'die ndak dilepok',
      'die tadak dipukul',
      'kamek sik kenak palu',
      'he was not locked up',
      'she was never beaten',
    ]) {
      expect(scanText(text).urgency, text).toBe('normal');
    }
  });

  it('still sees the signal without the negation', () => {
    for (const text of ['dia dipukul', 'dia disekap', 'die dilepok', 'kamek kenak palu', 'she was beaten']) {
      expect(scanText(text).urgency, text).toBe('urgent');
    }
  });

  it('stops at a clause break or "dan"/"tapi"', () => {
    expect(reasons('tidak, dia dipukul')).toContain('violence');
    expect(reasons('dia tidak digaji dan dipukuli')).toContain('violence');
    expect(reasons('bukan ditipu saja tapi disekap')).toContain('confinement');
  });

  it('reaches over "atau"/"or" and after a particle ("dipukul sih enggak")', () => {
    expect(reasons('he is not locked up or beaten')).not.toContain('violence');
    expect(reasons('dipukul sih enggak, cuma dimarahi')).not.toContain('violence');
  });

  it('keeps phrases that contain a negation ("gak bisa pulang")', () => {
    for (const text of ['sy gak bs plg', 'saya tidak bisa pulang', 'ndak bise balek', 'I cannot go home', "can't go home"]) {
      expect(reasons(text), text).toContain('cannot_leave');
    }
  });

  it('treats "tidak tahu" as doubt, not as a negation of what follows', () => {
    expect(reasons('saya tidak tahu kenapa dia disekap')).toContain('confinement');
    expect(reasons('gak tau dia dipukul atau tidak')).toContain('violence');
  });
});

describe('scanText: the "pukul" trap', () => {
  it('reads "pukul" before a time as o\'clock', () => {
    for (const text of [
      'pukul 3 sore saya ke kantor agen',
      'jam pukul 10 pagi ada pertemuan',
      'besok pukul 09.00 ke Disnaker',
      'pukul tiga nanti saya telepon',
      'pukul berapa kantornya buka?',
      'gajinya dipukul rata 2 juta',
      'hit me up on WA',
    ]) {
      expect(reasons(text), text).not.toContain('violence');
    }
  });

  it('still reads a beating', () => {
    expect(reasons('bos pukul dia pakai kayu')).toContain('violence');
    expect(reasons('dia pukul adik saya 3 kali')).toContain('violence');
    expect(reasons('dipukul2 sama mandor')).toContain('violence');
  });
});

describe('scanText: "pulang" and "anak" traps', () => {
  it('"sudah pulang" is not "cannot go home" and lowers urgency', () => {
    const r = scanText('adik saya sudah pulang dengan selamat');
    expect(r.reasons).not.toContain('cannot_leave');
    expect(r.reasons).toContain('resolved');
    expect(r.urgency).toBe('normal');
  });

  it('does not let "sudah pulang" hide someone still held', () => {
    expect(scanText('saya sudah pulang, tapi adik saya masih disekap').urgency).toBe('urgent');
  });

  it('does not make "anak" alone a minor', () => {
    expect(reasons('anak saya mau kerja di Malaysia')).not.toContain('minor');
    expect(reasons('anak saya umurnya 24 mau kerja')).not.toContain('minor');
  });
});

describe('scanText: informal spellings and dialects', () => {
  it('folds repeated letters and chat abbreviations', () => {
    expect(reasons('TOLONGGGG sy disekappp')).toEqual(expect.arrayContaining(['confinement', 'asks_for_help']));
    expect(reasons('bsk mlm dia brgkt lwt jalan tikus')).toEqual(
      expect.arrayContaining(['departure_soon', 'irregular_route']),
    );
    expect(reasons('skrg dia lg dibawa nyebrang')).toContain('departure_soon');
  });

  it('knows Pontianak and Sarawak Malay', () => {
    expect(reasons('die dilepok bos')).toContain('violence');
    expect(reasons('kamek kenak palu ngan bos')).toContain('violence');
    expect(reasons('kinektok sidak bawa kamek nyebrang')).toContain('departure_soon');
    expect(reasons('pasport kamek kena simpan bos')).toContain('passport_held');
  });

  it('knows English', () => {
    expect(reasons('the boss took my passport')).toContain('passport_held');
    expect(reasons('we are locked in a room')).toContain('confinement');
    expect(reasons('they are crossing the border tonight')).toContain('departure_soon');
  });
});

describe('scanText: ages', () => {
  it('flags ages under 18 in common forms', () => {
    for (const text of [
      'umur 15',
      'dia 15 thn',
      'gadis 16 tahun dari Sambas',
      'usia 14 sudah disuruh kerja',
      'umurnya baru 17',
      'a 15-year-old girl',
      'dia baru 16, mau dibawa',
      'ponakan saya masih SMP',
      'kelas 5 SD',
    ]) {
      expect(reasons(text), text).toContain('minor');
    }
  });

  it('does not flag adults, durations, years or qualifications', () => {
    for (const text of [
      'umur 19 tahun',
      'usia 25',
      'kontrak 2 tahun',
      'sudah 15 tahun kerja di Sarawak',
      '10 tahun yang lalu saya kerja di sana',
      'tahun 2015 saya ke Malaysia',
      'syarat minimal lulusan SMP',
      'baru 2 minggu di sana',
      'jam 8 sd 5 sore',
    ]) {
      expect(reasons(text), text).not.toContain('minor');
    }
  });
});

describe('scoreTip: structured answers', () => {
  it('scores answers alone, with the documented reasons', () => {
    const danger = scoreTip({ answers: { danger_now: 'yes' }, texts: [] });
    expect(danger).toEqual({ score: 60, urgency: 'urgent', reasons: ['danger_now'] });

    const abroad = scoreTip({ answers: { departure: 'already_abroad', passport_held: 'yes' }, texts: [] });
    expect(abroad.urgency).toBe('urgent');
    expect(abroad.reasons).toEqual(['passport_held', 'already_abroad']);

    const minorSoon = scoreTip({ answers: { minor: 'yes', departure: 'days' }, texts: [] });
    expect(minorSoon.reasons).toEqual(['minor', 'departure_soon']);
    expect(minorSoon.score).toBe(85);
  });

  it('is normal when answers say no', () => {
    const r = scoreTip({
      answers: { danger_now: 'no', departure: 'unknown', minor: 'no', passport_held: 'no' },
      texts: [],
    });
    expect(r).toEqual({ score: 0, urgency: 'normal', reasons: [] });
  });

  it('gives "unsure" less weight and its own reason', () => {
    const r = scoreTip({ answers: { danger_now: 'unsure' }, texts: [] });
    expect(r.reasons).toEqual(['danger_now_unsure']);
    expect(r.score).toBeLessThan(URGENT_THRESHOLD);
  });

  it('ignores unknown keys and non-string values', () => {
    const r = scoreTip({ answers: { danger_now: true, minor: 1, other: 'yes' }, texts: [] });
    expect(r).toEqual({ score: 0, urgency: 'normal', reasons: [] });
  });

  it('counts a reason once when answers and text both give it', () => {
    const r = scoreTip({ answers: { passport_held: 'yes' }, texts: ['paspor saya ditahan bos'] });
    expect(r.reasons.filter((x) => x === 'passport_held')).toHaveLength(1);
    expect(r.score).toBe(40);
  });

  it('never lets text pull the score below what the answers give', () => {
    const r = scoreTip({ answers: { danger_now: 'yes' }, texts: ['dia sudah pulang'] });
    expect(r.urgency).toBe('urgent');
  });

  it('combines answers and several texts', () => {
    const r = scoreTip({
      answers: { departure: 'days' },
      texts: ['mau ke Kuching', 'lewat jalan tikus di Entikong'],
    });
    expect(r.urgency).toBe('urgent');
    expect(r.reasons).toEqual(['departure_soon', 'irregular_route', 'risky_place']);
  });
});

describe('scanText: result shape', () => {
  it('returns an integer score in 0..100 and is deterministic', () => {
    const text = 'TOLONG disekap dipukul diancam dijual paspor ditahan umur 15 besok berangkat jalan tikus';
    const a = scanText(text);
    const b = scanText(text);
    expect(a).toEqual(b);
    expect(a.score).toBe(100);
    expect(Number.isInteger(a.score)).toBe(true);
    expect(scanText('').score).toBe(0);
    expect(scanText('halo, mau tanya').reasons).toEqual([]);
  });

  it('stays linear on long input (no regex blow-up)', () => {
    // A generous bound: this guards against catastrophic backtracking, not for benchmarking.
    const text = 'besok berangkat tidak tidak pukul pukul 3 paspor umur 15 tahun lalu, disekap '.repeat(700);
    const started = performance.now();
    const r = scanText(text);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.urgency).toBe('urgent');
  });
});
