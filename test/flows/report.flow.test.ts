import { describe, expect, it } from 'vitest';
import { type Step, transcript } from '../helpers/transcript.js';

type Who = 'me' | 'family_friend' | 'someone_else';

const full = (locale: 'id' | 'en', who: Who = 'someone_else'): Step[] => [
  { choice: 'report' },
  { choice: who },
  '1',
  locale === 'id' ? 'Kabupaten Pontianak' : 'kabupaten pontianak',
  'Malaysia',
  'Bu Sari, wa.me/6281234567890',
  'Dijanjikan kerja di restoran, gaji 9 juta, harus bayar 3 juta dulu',
  { media: true as const },
  { choice: 'done' },
  'yes',
  '3',
  { choice: 'skip' },
  '2',
  'no',
  '3',
  { choice: 'no' },
  { choice: 'edit_recruiter' },
  'Bu Sari (agen), 0812-3456-7890',
  { choice: 'confirm' },
];

describe('report flow', () => {
  // Golden transcripts: the wording follows who the report is about (second person for "me").
  for (const locale of ['id', 'en'] as const) {
    for (const who of ['me', 'someone_else'] as const) {
      it(`completes a report in ${locale} about ${who}`, () => {
        const r = transcript(full(locale, who), { locale });
        expect(r.text).toMatchSnapshot();
        expect(r.text).toContain('7K3F-Q9XM-2HDA');
        expect(r.state.flowId).toBe('menu');
        const submit = r.effects.find((e) => e.kind === 'submit_report');
        expect(submit).toMatchObject({
          complete: true,
          answers: { who, category: 'job_abroad', regency: 'mempawah', recruiter: 'Bu Sari (agen), 0812-3456-7890', danger_now: 'yes', where_now: 'holding_house', people_count: 'unsure', departure: 'days', minor: 'no', passport_held: 'unsure', may_contact: 'no' },
        });
      });
    }
  }

  it('asks in the second person for "me" and the third person otherwise, in both languages', () => {
    const upToDeparture = (who: Who, locale: 'id' | 'en') => transcript(full(locale, who).slice(0, 12), { locale }).text;
    expect(upToDeparture('me', 'id')).toContain('Kapan Anda akan berangkat?');
    expect(upToDeparture('me', 'id')).toContain('Di mana Anda sekarang?');
    expect(upToDeparture('someone_else', 'id')).toContain('Di mana orang itu sekarang?');
    expect(upToDeparture('me', 'id')).not.toContain('Kapan dia akan berangkat?');
    expect(upToDeparture('family_friend', 'id')).toContain('Kapan dia akan berangkat?');
    expect(upToDeparture('someone_else', 'id')).toContain('Kapan dia akan berangkat?');
    expect(upToDeparture('me', 'en')).toContain('When are you leaving?');
    expect(upToDeparture('family_friend', 'en')).toContain('When are they leaving?');
  });

  it('global words work at every step of the report', () => {
    const steps = full('id').slice(0, -1);
    for (let i = 1; i < steps.length; i++) {
      const prefix = steps.slice(0, i);
      const before = transcript(prefix);
      const help = transcript([...prefix, 'bantuan']);
      expect(help.prompt.step).toBe(before.prompt.step);
      expect(help.state.answers).toEqual(before.state.answers);
      const lang = transcript([...prefix, 'language']);
      expect(lang.state.locale).toBe('en');
      expect(lang.prompt.step).toBe(before.prompt.step);
      const cancel = transcript([...prefix, 'batal']);
      if ('description' in before.state.answers) {
        // With a story told, cancelling asks: keep it for the officers, or discard it.
        expect(cancel.prompt).toMatchObject({ step: 'cancel_choice', choices: [{ id: 'keep' }, { id: 'discard' }] });
        expect(cancel.effects.some((e) => e.kind === 'submit_report')).toBe(false);
      } else {
        expect(cancel.state.flowId).toBe('menu');
        expect(cancel.effects.some((e) => e.kind === 'submit_report')).toBe(false);
      }
    }
  });

  it('cancelling after the story: "keep" files an incomplete tip, "discard" files nothing', () => {
    const story = full('id').slice(0, 7);
    const kept = transcript([...story, 'batal', { choice: 'keep' }]);
    expect(kept.effects.filter((e) => e.kind === 'submit_report')).toEqual([expect.objectContaining({ complete: false })]);
    expect(kept.text).toContain('KODE TANDA TERIMA: 7K3F-Q9XM-2HDA');
    const discarded = transcript([...story, 'batal', { choice: 'discard' }]);
    expect(discarded.effects.some((e) => e.kind === 'submit_report')).toBe(false);
    expect(discarded.text).toContain('Laporan dibuang');
    expect(discarded.state.flowId).toBe('menu');
    expect(discarded.state.answers).toEqual({});
    expect(transcript([...story, 'cancel', '2'], { locale: 'en' }).text).toContain('Report discarded');
  });

  it('takes a voice note as the story: kept as evidence, the description says so', () => {
    const r = transcript([...full('id', 'me').slice(0, 6), { voice: true }]);
    expect(r.prompt.step).toBe('evidence');
    expect(r.state.answers.description).toBe('(cerita dikirim sebagai pesan suara — lihat bukti)');
    expect(r.state.answers.evidence).toEqual([expect.objectContaining({ kind: 'voice', mime: 'audio/ogg' })]);
    // A photo is not a story: it is refused at this step.
    const photo = transcript([...full('id', 'me').slice(0, 6), { media: true }]);
    expect(photo.prompt.step).toBe('description');
    expect(photo.state.answers.evidence).toBeUndefined();
  });

  it('danger now = yes alerts at once and names 110 and SAPA 129 before the report goes on', () => {
    const upToDanger = full('id').slice(0, full('id').indexOf('yes'));
    const before = transcript(upToDanger);
    const r = transcript([...upToDanger, 'yes']);
    const alert = r.effects.filter((e) => e.kind === 'raise_alert');
    expect(alert).toEqual([expect.objectContaining({ kind: 'raise_alert', flowId: 'report', reason: 'danger_now' })]);
    expect(alert[0]).toMatchObject({ answers: { danger_now: 'yes', description: expect.stringContaining('restoran') } });
    const reply = r.text.slice(before.text.length);
    expect(reply.indexOf('110')).toBeGreaterThan(-1);
    expect(reply.indexOf('SAPA 129')).toBeGreaterThan(-1);
    expect(reply.indexOf('110')).toBeLessThan(reply.indexOf('Di mana orang itu sekarang?'));
    expect(r.prompt).toMatchObject({ flow: 'report', step: 'where_now' });
    // "No" raises nothing and goes straight on.
    const no = transcript([...upToDanger, 'no']);
    expect(no.effects.some((e) => e.kind === 'raise_alert')).toBe(false);
    expect(no.prompt.step).toBe('where_now');
  });

  it('editing the danger answer to yes from the summary still alerts, then returns to the summary', () => {
    const toSummary = [...full('id').slice(0, -3), { choice: 'no' }];
    const calm = toSummary.map((x) => (x === 'yes' ? 'no' : x));
    expect(transcript(calm).prompt.step).toBe('summary');
    const r = transcript([...calm, { choice: 'edit_urgency' }, 'yes', '1', '1', '1', 'no', 'no']);
    expect(r.effects.filter((e) => e.kind === 'raise_alert')).toHaveLength(1);
    expect(r.prompt.step).toBe('summary');
    expect(r.state.answers).toMatchObject({ danger_now: 'yes', where_now: 'home_area', people_count: 'one', departure: 'now' });
  });

  it('re-asks after an invalid answer and keeps earlier answers', () => {
    const r = transcript([{ choice: 'report' }, 'me', 'job_abroad', 'Atlantis', 'sambas']);
    expect(r.text).toContain('pilihan itu tidak ada');
    expect(r.state.answers).toMatchObject({ who: 'me', category: 'job_abroad', regency: 'sambas' });
    expect(r.prompt.step).toBe('destination');
  });
});
