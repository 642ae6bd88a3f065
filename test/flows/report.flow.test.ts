import { describe, expect, it } from 'vitest';
import { transcript } from '../helpers/transcript.js';

const full = (locale: 'id' | 'en') => [
  { choice: 'report' },
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
  for (const locale of ['id', 'en'] as const) {
    it(`completes a report in ${locale}`, () => {
      const r = transcript(full(locale), { locale });
      expect(r.text).toMatchSnapshot();
      expect(r.text).toContain('7K3F-Q9XM-2HDA');
      expect(r.state.flowId).toBe('menu');
      const submit = r.effects.find((e) => e.kind === 'submit_report');
      expect(submit).toMatchObject({
        complete: true,
        answers: { category: 'job_abroad', regency: 'mempawah', recruiter: 'Bu Sari (agen), 0812-3456-7890', danger_now: 'yes', where_now: 'holding_house', people_count: 'unsure', departure: 'days', minor: 'no', passport_held: 'unsure', may_contact: 'no' },
      });
    });
  }

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
      expect(cancel.state.flowId).toBe('menu');
      // Cancelling after the description keeps the report as an incomplete tip.
      const saved = cancel.effects.some((e) => e.kind === 'submit_report' && !e.complete);
      expect(saved).toBe('description' in before.state.answers);
    }
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
    const r = transcript([{ choice: 'report' }, 'job_abroad', 'Atlantis', 'sambas']);
    expect(r.text).toContain('pilihan itu tidak ada');
    expect(r.state.answers).toMatchObject({ category: 'job_abroad', regency: 'sambas' });
    expect(r.prompt.step).toBe('destination');
  });
});
