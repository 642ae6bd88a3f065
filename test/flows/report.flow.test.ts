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
        answers: { category: 'job_abroad', regency: 'mempawah', recruiter: 'Bu Sari (agen), 0812-3456-7890', danger_now: 'yes', departure: 'days', minor: 'no', passport_held: 'unsure', may_contact: 'no' },
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

  it('re-asks after an invalid answer and keeps earlier answers', () => {
    const r = transcript([{ choice: 'report' }, 'job_abroad', 'Atlantis', 'sambas']);
    expect(r.text).toContain('pilihan itu tidak ada');
    expect(r.state.answers).toMatchObject({ category: 'job_abroad', regency: 'sambas' });
    expect(r.prompt.step).toBe('destination');
  });
});
