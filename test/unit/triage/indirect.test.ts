/**
 * The mechanisms added after the blind batches tuning-7 and tuning-8 (signals-indirect.ts and the
 * normaliser): each case is worded afresh, not copied from the corpus, and most have a near miss
 * that must stay normal, so each checks the mechanism rather than a sentence.
 */
import { describe, expect, it } from 'vitest';
import { tokenise } from '../../../src/triage/normalise.js';
import { scanText } from '../../../src/triage/score.js';

describe('danger told indirectly', () => {
  it('reads the boss coming to her room at night as abuse, not a visit by day', () => {
    expect(scanText('majikan laki2 sering masuk ke kamar dia tengah malam').indicators).toContain('physical_sexual_violence');
    expect(scanText('majikan masuk ke kamar untuk memperbaiki lampu').indicators).not.toContain('physical_sexual_violence');
  });

  it('reads calls only with the employer beside her as isolation', () => {
    expect(scanText('kakak cuma boleh video call kalau majikan di sebelah').indicators).toContain('isolation');
  });

  it('reads a sick worker kept from a doctor as urgent', () => {
    expect(scanText('abang demam seminggu, mandor tidak kasih ke klinik').urgency).toBe('urgent');
    expect(scanText('abang demam, sudah dibawa ke klinik oleh mandor').urgency).toBe('normal');
  });

  it('reads an armed escort and being sold on as threats', () => {
    expect(scanText('orang yang jaga mereka bawa senjata, katanya besok pindah').indicators).toContain('intimidation_threats');
    expect(scanText('they sold him to another boss across the river').urgency).toBe('urgent');
    expect(scanText('kami sudah menjual rumah ke tetangga').indicators).not.toContain('intimidation_threats');
  });

  it('reads a price to be let go home and long-unpaid wages as bondage', () => {
    expect(scanText('disuruh bayar 25 juta kalau mau pulang').indicators).toContain('debt_bondage');
    expect(scanText('suami saya belum digaji 9 bulan di kebun').urgency).toBe('urgent');
    expect(scanText('gaji saya belum dibayar 2 minggu').urgency).toBe('normal');
  });

  it('reads a driver who will not stop as held', () => {
    expect(scanText('the driver would not stop when we asked').indicators).toContain('restriction_of_movement');
  });
});

describe('a job that turned into another', () => {
  it('reads "told X, but here Y" and an unreadable contract as deception', () => {
    expect(scanText('dia dijanjikan kerja di toko roti tapi di sini disuruh jaga malam di gudang').indicators).toContain('deception');
    expect(scanText('kontraknya pakai tulisan cina, dia tidak paham isinya').indicators).toContain('deception');
    expect(scanText('kontrak kerja saya dalam bahasa Indonesia, sudah saya baca').indicators).not.toContain('deception');
  });

  it('reads being made to accompany guests as sexual exploitation, but not a training question', () => {
    expect(scanText('adik disuruh temankan tamu tiap malam di pub').indicators).toContain('sexual_exploitation');
    expect(scanText('if someone forces me to accompany guests, who do I call? it is for a training').urgency).toBe('normal');
  });
});

describe('emergency words and short messages', () => {
  it('makes a message that is only a cry for help urgent, but not a polite request', () => {
    expect(scanText('TOLONG!!').urgency).toBe('urgent');
    expect(scanText('help me').urgency).toBe('urgent');
    expect(scanText('tolong kirim info lowongan resmi').urgency).toBe('normal');
  });

  it('reads SOS with a place as urgent, and a question about the SOS button as not', () => {
    expect(scanText('sos rumah kayu dekat dermaga').urgency).toBe('urgent');
    expect(scanText('tombol sos di web itu untuk apa?').urgency).toBe('normal');
  });
});

describe('words read from their neighbours', () => {
  it('reads "dulu" before "besok … baru" as "first", not the past', () => {
    expect(tokenise('kumpulkan hp dulu, besok baru jalan')).toContain('duluan');
    expect(tokenise('dulu saya kerja di sana')).toContain('dahulu');
  });

  it('lets a negation reach over "menemukan tanda" to the violence it denies', () => {
    expect(scanText('petugas tidak menemukan tanda kekerasan pada pekerja itu').urgency).toBe('normal');
  });

  it('reads a reply, a false alarm or a question about rights as no case', () => {
    expect(scanText('lost contact with my brother in Kuching for 4 days but he just replied, all good now').urgency).toBe('normal');
    expect(scanText('my boss keeps my passport but gives it when I ask, is that ok?').urgency).toBe('normal');
  });
});
