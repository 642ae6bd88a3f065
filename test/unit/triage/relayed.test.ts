/**
 * The mechanisms added after the blind batches tuning-9 and tuning-10 (signals-relayed.ts and the
 * supposition rule in score.ts): each case is worded afresh, not copied from the corpus, and most
 * have a near miss that must stay normal, so each checks the mechanism rather than a sentence.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../../../src/triage/score.js';

describe('danger told by a witness', () => {
  it('reads young women kept in a house before a boat as urgent, not a family waiting for a ferry', () => {
    expect(scanText('ada belasan cewek muda disimpan dalam rumah kosong dekat dermaga, perahu sudah menunggu').urgency).toBe('urgent');
    expect(scanText('kami sekeluarga menunggu kapal ke Batam besok pagi untuk kuliah adik').urgency).toBe('normal');
  });

  it('reads a call cut short and silence after it as lost contact', () => {
    expect(scanText('kakak telpon cuma bilang gelap di sini terus putus, tidak ada jawaban sejak kemarin').indicators).toContain('loss_of_contact');
  });

  it('reads a message from a watched phone as urgent', () => {
    expect(scanText('sy gk bs bls lama, orangnya cek hp tiap jam. jgn tlp ya').urgency).toBe('urgent');
  });
});

describe('danger told in a hurry, in first person', () => {
  it('reads harm and confinement in learner English', () => {
    expect(scanText('madam burn my arm yesterday and lock me in storeroom').urgency).toBe('urgent');
    expect(scanText('i am 16, they make me sex worker in the club').indicators).toEqual(expect.arrayContaining(['minor', 'sexual_exploitation']));
  });

  it('reads telling on her to immigration as a threat only when said as a condition', () => {
    expect(scanText('bos bilang kalau saya kabur dia lapor ke imigresen').indicators).toContain('intimidation_threats');
    expect(scanText('saya sudah lapor ke imigrasi soal permit saya yang baru').indicators).not.toContain('intimidation_threats');
  });
});

describe('questions', () => {
  it('counts what a question supposed once the writer says she is there now', () => {
    const supposed = 'what happens if the boss locks workers in the dorm every night?';
    expect(scanText(supposed).urgency).toBe('normal');
    expect(scanText(`${supposed} asking because i am there now`).urgency).toBe('urgent');
  });

  it('does not alert on asking whether something counts as a threat', () => {
    expect(scanText('kalau bos ancam potong bonus karena telat, itu termasuk ancaman gk?').urgency).toBe('normal');
  });
});
