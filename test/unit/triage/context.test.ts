/**
 * The mechanisms added after two batches written blind by other writers (tuning-5, tuning-6): each
 * case below is worded afresh, not copied from the corpus, so it checks the mechanism, not a sentence.
 */
import { describe, expect, it } from 'vitest';
import { tokenise } from '../../../src/triage/normalise.js';
import { scanText } from '../../../src/triage/score.js';

describe('asking to be fetched, being driven somewhere unknown', () => {
  it('reads "come get me" with another sign as urgent, but not a lift home for the holidays', () => {
    expect(scanText('kak tolong jemput saya di terminal, orang itu mau bawa saya ke tempat lain').urgency).toBe('urgent');
    expect(scanText('please come get me, they took my phone and I am still inside').urgency).toBe('urgent');
    expect(scanText('besok saya pulang kampung, tolong jemput di bandara ya').urgency).toBe('normal');
  });

  it('reads being taken to a place the writer does not know as held', () => {
    expect(scanText('tolong, aku dibawa ke tempat yang aku tidak tahu').indicators).toContain('restriction_of_movement');
  });
});

describe('on the way to the border', () => {
  it('reads arriving at a crossing point or lodging at a hub before a night crossing', () => {
    expect(scanText('sudah tiba di Aruk, malam ini mau nyebrang').urgency).toBe('urgent');
    expect(scanText('sudah tiba di Aruk').indicators).toContain('transit_holding');
  });

  it('reads a vehicle full of young people heading for the border tonight', () => {
    const r = scanText('malam ini ada truk isinya anak anak muda dari Sanggau, kata sopir langsung ke Entikong');
    expect(r.urgency).toBe('urgent');
    expect(r.indicators).toEqual(expect.arrayContaining(['imminent_departure', 'group_movement']));
  });

  it('reads a plantation road as a route around the border post', () => {
    expect(scanText('mereka lewat jalan kebun ke Sarawak').indicators).toContain('non_procedural_route');
  });

  it('does not read an official group trip with documents as a departure to worry about', () => {
    expect(scanText('lusa rombongan ziarah gereja berangkat ke Kuching, paspor lengkap').urgency).toBe('normal');
  });
});

describe('threats addressed to the victim', () => {
  it('reads "if you run …" and "either we pay … or …" as threats', () => {
    expect(scanText('agen bilang kalau kamu kabur, utangmu jadi 40 juta').indicators).toContain('intimidation_threats');
    expect(scanText('they said either we pay by Monday or they move her to another compound').indicators).toContain('intimidation_threats');
  });

  it('does not read harm supposed in a question as a threat, but keeps "what if" as a fear', () => {
    expect(scanText('what should I do if my boss ever beats me? I leave next year').urgency).toBe('normal');
    expect(scanText('kalau misalnya nanti saya dipukul majikan, saya lapor ke mana?').urgency).toBe('normal');
    expect(scanText('what if they kill him').indicators).toContain('intimidation_threats');
  });

  it('reads "kalau nanti di …" as a supposed case, while a real case asking where to report stays urgent', () => {
    expect(scanText('kl nanti di Sarawak paspor saya ditahan bos, lapor ke mana?').urgency).toBe('normal');
    expect(scanText('adik saya disekap majikan di Kuching, saya harus lapor ke mana?').urgency).toBe('urgent');
  });
});

describe('words read from their neighbours', () => {
  it('keeps "SMP" a school level after a child word, even before a count', () => {
    expect(tokenise('anak SMP 3 orang')).toContain('smp');
    expect(tokenise('kerja smp jam 12')).toContain('sampai');
  });

  it('reads "boleh gak …?" as a question, not as a missing passport', () => {
    expect(scanText('anak saya 17 tahun, boleh gak bikin paspor buat liburan? mau tanya').urgency).toBe('normal');
  });

  it('counts children after a person word, and reads "looks about 15" as an age', () => {
    expect(scanText('saya janda anak 4, mau kerja resmi, harus lewat mana?').indicators).not.toContain('minor');
    expect(scanText('a girl who looks about 14 is serving drinks at the karaoke').indicators).toContain('minor');
  });

  it('does not take a trauma or an age "still" there for a danger still going on', () => {
    expect(scanText('dulu saya dikurung dan dipukul majikan, sekarang sudah pulang. traumanya masih ada').urgency).toBe('normal');
    expect(scanText('dulu saya dikurung, sudah pulang, tapi adik saya masih disekap').urgency).toBe('urgent');
  });
});

describe('not a case', () => {
  it('lowers outreach requests, study and rumours below the threshold', () => {
    expect(scanText('banyak warga miskin terlilit utang ke calo, bisakah tim mengadakan penyuluhan di desa?').urgency).toBe('normal');
    expect(scanText('for my thesis: is a 16 year old a child under the trafficking law?').urgency).toBe('normal');
  });

  it('lowers a survivor sharing a story that is over', () => {
    expect(scanText('I escaped the compound in Myanmar last year, they threatened us daily. I am fine now and want to share my story').urgency).toBe('normal');
  });

  it('does not read deportation told as a fact as a threat', () => {
    expect(scanText('tetangga kami dideportasi lewat Entikong').indicators).not.toContain('intimidation_threats');
  });
});

describe('kept at sea', () => {
  it('reads no shore leave and bodies thrown overboard', () => {
    expect(scanText('he has been on the trawler for months with no shore leave').urgency).toBe('urgent');
    expect(scanText('ABK yang sakit dibuang ke laut oleh kapten').indicators).toContain('physical_sexual_violence');
  });
});

describe('cries for help, conditions said as "whoever", isolation at sea', () => {
  it('reads a bare "tolong" or "help" ending its clause or calling someone, not a polite request', () => {
    expect(scanText('aku gak bisa keluar dari sini. TOLONG').indicators).toContain('help_request');
    expect(scanText('tlg kak, aku di gudang').indicators).toContain('help_request');
    expect(scanText('tolong kirim jadwal pelatihan ya').indicators).not.toContain('help_request');
  });

  it('reads "siapa lari kena pukul" (whoever runs is beaten) as a threat', () => {
    expect(scanText('penjaga bilang siapa lari kena pukul').indicators).toContain('intimidation_threats');
    expect(scanText('siapa yang memukul dia?').indicators).not.toContain('intimidation_threats');
  });

  it('reads a crew that never comes ashore as cut off', () => {
    expect(scanText('kapal ikan itu tidak pernah sandar sejak Maret').indicators).toContain('isolation');
  });
});

describe('more verbs of harm, without household chores', () => {
  it('reads everyday and English forms of beating and forced crime', () => {
    expect(scanText('majikannya ringan tangan, sering nonjok dia').indicators).toContain('physical_sexual_violence');
    expect(scanText('he beats her when she cries').indicators).toContain('physical_sexual_violence');
    expect(scanText('adik saya dipaksa jadi kurir sabu di Johor').indicators).toContain('forced_criminality');
  });

  it('does not read ironing clothes or a ship hit by waves as violence', () => {
    expect(scanText('tugas saya menyetrika baju majikan tiap malam').indicators).not.toContain('physical_sexual_violence');
    expect(scanText('kapal dihantam ombak tapi semua selamat').indicators).not.toContain('physical_sexual_violence');
  });
});
