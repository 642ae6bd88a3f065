import { describe, expect, it } from 'vitest';
import { scanText, scoreTip, URGENT_THRESHOLD } from '../../../src/triage/score.js';

const reasons = (text: string): string[] => scanText(text).reasons;
const indicators = (text: string): string[] => scanText(text).indicators;

describe('scanText: negation scoped to its predicate', () => {
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
      'Sik ada orang palu kamek',
      'Ndak ada nang mukul, kamek aman',
      'he was not locked up',
      'she was never beaten',
      'He was not locked up and nobody hit him',
    ]) {
      expect(scanText(text).urgency, text).toBe('normal');
    }
  });

  it('still sees the signal without the negation', () => {
    for (const text of ['dia dipukul', 'dia disekap', 'die dilepok', 'kamek kenak palu', 'she was beaten']) {
      expect(scanText(text).urgency, text).toBe('urgent');
    }
  });

  it('does not reach past another predicate, a clause break or "dan"/"tapi"', () => {
    expect(indicators('tidak, dia dipukul')).toContain('physical_sexual_violence');
    expect(indicators('dia tidak digaji dan dipukuli')).toEqual(
      expect.arrayContaining(['physical_sexual_violence', 'withholding_wages']),
    );
    expect(indicators('bukan ditipu saja tapi disekap')).toContain('restriction_of_movement');
    expect(indicators('dia gk cuma dimarahin, tp dipukul jg pake kayu')).toContain('physical_sexual_violence');
  });

  it('reaches over "atau"/"or" and after a particle ("dipukul sih enggak")', () => {
    expect(indicators('he is not locked up or beaten')).not.toContain('physical_sexual_violence');
    expect(indicators('dipukul sih enggak, cuma dimarahi')).not.toContain('physical_sexual_violence');
  });

  it('keeps phrases that contain a negation ("gak bisa pulang")', () => {
    for (const text of ['sy gak bs plg', 'saya tidak bisa pulang', 'ndak bise balek', 'I cannot go home', "can't go home"]) {
      expect(indicators(text), text).toContain('restriction_of_movement');
    }
  });

  it('treats "tidak tahu" as doubt, not as a negation of what follows', () => {
    expect(indicators('saya tidak tahu kenapa dia disekap')).toContain('restriction_of_movement');
    expect(indicators('gak tau dia dipukul atau tidak')).toContain('physical_sexual_violence');
  });
});

describe('scanText: a conditional or future harm is a threat', () => {
  it('reads "kalau tidak …, dipukul" as a threat, not as negated violence', () => {
    for (const text of [
      'Kalau tidak mau bekerja, dia dipukul oleh mandornya.',
      'klo gk mau kerja, dipukul. gitu kata bos nya',
      'kalau tidak mau kerja dipukul',
      'Mun ndak mau kerja, bos bilang dipukul',
      'If she does not obey, they say she will be beaten.',
      'kl gk nurut nnt dijual lg ke bos lain katanya',
      'Tulong kamek, tauke madah kamek kena bunuh mun lari',
    ]) {
      const r = scanText(text);
      expect(r.indicators, text).toContain('intimidation_threats');
      expect(r.urgency, text).toBe('urgent');
    }
  });

  it('reads arrest or jail as a threat only when it is a condition or a future', () => {
    expect(scanText('kalau kabur kamu ditangkap polisi').indicators).toContain('intimidation_threats');
    expect(scanText('Bos madah mun kamek lari, kamek kena tangkap polis').urgency).toBe('urgent');
    expect(scanText('pelakunya sudah ditangkap polisi kemarin').urgency).toBe('normal');
  });

  it('keeps a beating that happened as violence', () => {
    expect(indicators('mandor memukul dia kemarin')).toEqual(['physical_sexual_violence']);
  });

  it('does not turn a question about a condition into a threat of harm', () => {
    expect(scanText('Kalau tidak mau bekerja lewat agen, apakah bisa mendaftar sendiri ke Disnaker?').urgency).toBe('normal');
  });
});

describe('scanText: imminence is a time word with a movement verb', () => {
  it('sees departures within days in every variety', () => {
    for (const text of [
      'berangkat besok malam',
      'dia nyebrang lusa',
      'bsk mlm dia brgkt lwt jalan tikus',
      'skrg dia lg dibawa nyebrang',
      'kinektok sidak bawa kamek nyebrang',
      'they are crossing the border tonight',
      'Istri saya akan diseberangkan malam nanti',
    ]) {
      expect(indicators(text), text).toContain('imminent_departure');
    }
  });

  it('does not see one in a time word alone, a past trip or a trip with a stated ordinary purpose', () => {
    for (const text of [
      'besok saya ke kantor Disnaker',
      'suami sy brkt lwt jalan tikus bln lalu, skrg gk bs dihubungi',
      'Ibu saya berangkat besok ke Kuching untuk berobat, semua dokumen lengkap.',
      'kalo gk jadi brkt, uang pendaftaran bisa balik gk ya?',
    ]) {
      expect(indicators(text), text).not.toContain('imminent_departure');
    }
  });

  it('makes an imminent departure through an unofficial route urgent', () => {
    expect(scanText('besok malam adik saya dibawa lewat jalan tikus di Entikong').urgency).toBe('urgent');
  });
});

describe('scanText: ambiguous words resolved by context', () => {
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
      expect(indicators(text), text).not.toContain('physical_sexual_violence');
    }
  });

  it('still reads a beating', () => {
    expect(indicators('bos pukul dia pakai kayu')).toContain('physical_sexual_violence');
    expect(indicators('dia pukul adik saya 3 kali')).toContain('physical_sexual_violence');
    expect(indicators('dipukul2 sama mandor')).toContain('physical_sexual_violence');
  });

  it('reads "dulu" as the past, but "bayar dulu" as in advance', () => {
    expect(reasons('Dulu saya pernah disekap majikan')).toContain('past_event');
    expect(reasons('harus bayar utang 25jt dulu baru blh plg')).not.toContain('past_event');
    const inAdvance = scanText('Agen bilang kamek harus bayar utang dua puluh juta dolok baru boleh balek');
    expect(inAdvance.urgency).toBe('urgent');
  });

  it('reads "paspor ditahan" as withheld, not "tahan lama" or "tidak tahan"', () => {
    expect(indicators('paspor saya ditahan agen')).toContain('retention_of_documents');
    expect(indicators('paspor dan tas ini tahan lama')).not.toContain('retention_of_documents');
    expect(indicators('saya tidak tahan panas, paspor ada di saya sendiri')).not.toContain('retention_of_documents');
  });
});

describe('scanText: no false alarm on hard non-urgent texts', () => {
  it('keeps past cases now safe, legal-migration questions and complaints normal', () => {
    for (const text of [
      'Dulu kakak saya pernah disekap majikan di Malaysia, tetapi sekarang dia sudah pulang dengan selamat.',
      'adik saya sudah pulang dengan selamat',
      'Bagaimana cara mendaftar menjadi pekerja migran yang resmi ke Taiwan?',
      'Apa yang harus saya lakukan kalau majikan nanti menahan paspor saya?',
      'Gaji saya di toko di Pontianak telat dibayar dua minggu, saya ingin mengadukan pemilik toko.',
      'Majikan saya tidak menahan paspor saya, saya memegangnya sendiri.',
    ]) {
      expect(scanText(text).urgency, text).toBe('normal');
    }
  });

  it('does not let "sudah pulang" hide someone still held', () => {
    expect(scanText('saya sudah pulang, tapi adik saya masih disekap').urgency).toBe('urgent');
  });

  it('does not make "anak" alone a minor', () => {
    expect(indicators('anak saya mau kerja di Malaysia')).not.toContain('minor');
    expect(indicators('anak saya umurnya 24 mau kerja')).not.toContain('minor');
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
      expect(indicators(text), text).toContain('minor');
    }
  });

  it('does not flag adults, durations, years, qualifications or "smp" meaning "sampai"', () => {
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
      'kerja dr jam 4 pagi smp jam 12 mlm',
    ]) {
      expect(indicators(text), text).not.toContain('minor');
    }
  });
});

describe('scoreTip: structured answers', () => {
  it('makes danger now = yes urgent on its own', () => {
    const danger = scoreTip({ answers: { danger_now: 'yes' }, texts: [] });
    expect(danger).toEqual({ score: 60, urgency: 'urgent', reasons: ['danger_now'], indicators: [] });
  });

  it('never makes "unsure" or skipped answers urgent, alone or together', () => {
    const r = scoreTip({
      answers: { danger_now: 'unsure', minor: 'unsure', passport_held: 'unsure', where_now: 'unsure', people_count: 'unsure', departure: 'unknown' },
      texts: [],
    });
    expect(r.urgency).toBe('normal');
    expect(r.indicators).toEqual([]);
    expect(scoreTip({ answers: {}, texts: [] })).toEqual({ score: 0, urgency: 'normal', reasons: [], indicators: [] });
  });

  it('is normal when answers say no', () => {
    const r = scoreTip({
      answers: { danger_now: 'no', departure: 'unknown', minor: 'no', passport_held: 'no', where_now: 'home_area', people_count: 'one' },
      texts: [],
    });
    expect(r).toEqual({ score: 0, urgency: 'normal', reasons: [], indicators: [] });
  });

  it('raises the score at a transit point or holding house, and for a group', () => {
    const home = scoreTip({ answers: { where_now: 'home_area' }, texts: ['mereka menunggu'] }).score;
    const transit = scoreTip({ answers: { where_now: 'transit_point' }, texts: ['mereka menunggu'] });
    const holding = scoreTip({ answers: { where_now: 'holding_house' }, texts: ['mereka menunggu'] });
    expect(transit.score).toBeGreaterThan(home);
    expect(holding.score).toBeGreaterThanOrEqual(transit.score);
    expect(transit.indicators).toEqual(['transit_holding']);
    const group = scoreTip({ answers: { where_now: 'holding_house', people_count: 'more_than_five' }, texts: [] });
    expect(group.urgency).toBe('urgent');
    expect(group.indicators).toEqual(expect.arrayContaining(['transit_holding', 'group_movement']));
    const two = scoreTip({ answers: { people_count: 'two_to_five' }, texts: [] }).score;
    const many = scoreTip({ answers: { people_count: 'more_than_five' }, texts: [] }).score;
    expect(two).toBeGreaterThan(0);
    expect(many).toBeGreaterThan(two);
  });

  it('weighs "abroad" more when contact is lost', () => {
    const abroad = scoreTip({ answers: { where_now: 'abroad' }, texts: ['adik saya kerja di sana'] });
    const lost = scoreTip({ answers: { where_now: 'abroad' }, texts: ['adik saya tidak bisa dihubungi'] });
    const lostHome = scoreTip({ answers: {}, texts: ['adik saya tidak bisa dihubungi'] });
    expect(abroad.urgency).toBe('normal');
    expect(lost.urgency).toBe('urgent');
    expect(lost.reasons).toContain('abroad_no_contact');
    expect(lost.score - lostHome.score).toBeGreaterThan(abroad.score);
  });

  it('ignores unknown keys and non-string values', () => {
    const r = scoreTip({ answers: { danger_now: true, minor: 1, other: 'yes', where_now: 'constructor' }, texts: [] });
    expect(r).toEqual({ score: 0, urgency: 'normal', reasons: [], indicators: [] });
  });

  it('counts an indicator once when answers and text both give it', () => {
    const r = scoreTip({ answers: { passport_held: 'yes' }, texts: ['paspor saya ditahan bos'] });
    expect(r.reasons.filter((x) => x === 'retention_of_documents')).toHaveLength(1);
    expect(r.score).toBe(40);
  });

  it('never lets text pull the score below what the answers give', () => {
    const r = scoreTip({ answers: { danger_now: 'yes' }, texts: ['dia sudah pulang'] });
    expect(r.urgency).toBe('urgent');
  });

  it('scores the whole case: a follow-up with a date makes a route urgent', () => {
    const first = scoreTip({ answers: {}, texts: ['adik saya mau lewat jalan tikus ke Sarawak'] });
    const both = scoreTip({ answers: {}, texts: ['adik saya mau lewat jalan tikus ke Sarawak', 'berangkat besok malam'] });
    expect(first.urgency).toBe('normal');
    expect(both.urgency).toBe('urgent');
    expect(both.indicators).toEqual(expect.arrayContaining(['non_procedural_route', 'imminent_departure']));
  });
});

describe('scanText: result shape', () => {
  it('returns an integer score in 0..100, indicator ids among the reasons, deterministically', () => {
    const text = 'TOLONG disekap dipukul diancam paspor ditahan umur 15 besok berangkat jalan tikus';
    const a = scanText(text);
    expect(a).toEqual(scanText(text));
    expect(a.score).toBe(100);
    expect(Number.isInteger(a.score)).toBe(true);
    for (const i of a.indicators) expect(a.reasons).toContain(i);
    expect(a.indicators).toEqual(
      expect.arrayContaining(['restriction_of_movement', 'physical_sexual_violence', 'intimidation_threats', 'minor']),
    );
    expect(scanText('').score).toBe(0);
    expect(scanText('halo, mau tanya').indicators).toEqual([]);
  });

  it('puts the strongest reason first', () => {
    const r = scanText('dia dipukul di Kuching');
    expect(r.reasons[0]).toBe('physical_sexual_violence');
    expect(URGENT_THRESHOLD).toBe(50);
  });
});
