import { describe, expect, it } from 'vitest';
import { transcript } from '../helpers/transcript.js';

describe.each(['id', 'en'] as const)('flows in %s', (locale) => {
  it('menu', () => {
    const r = transcript(['hello?', '9'], { locale });
    expect(r.text).toMatchSnapshot();
    expect(r.prompt).toMatchObject({ flow: 'menu', step: 'main', kind: 'choice' });
  });

  it('check_agency: exact, not found, then another', () => {
    const r = transcript([{ choice: 'check_agency' }, 'PT Maju Jaya', { choice: 'check_another' }, 'PT Tidak Ada', { choice: 'menu' }], { locale });
    expect(r.text).toMatchSnapshot();
    expect(r.text).toMatch(/FIKTIF/);
  });

  it('learn: every topic', () => {
    const r = transcript([{ choice: 'learn' }, '1', '2', '3', '4', '5', '6'], { locale });
    expect(r.text).toMatchSnapshot();
    expect(r.state.flowId).toBe('menu');
  });

  it('status: wrong code, right code, follow-up text and evidence', () => {
    const r = transcript(
      [{ choice: 'status' }, 'ABCD', 'AAAA-BBBB-CCCC', { choice: 'try_again' }, '7k3f q9xm 2hda', { choice: 'add_info' }, 'Ada info baru', { choice: 'add_evidence' }, { media: true }, { choice: 'done' }, { choice: 'menu' }],
      { locale },
    );
    expect(r.text).toMatchSnapshot();
    const follow = r.effects.filter((e) => e.kind === 'add_followup');
    expect(follow).toHaveLength(2);
    expect(follow[0]).toMatchObject({ tipId: 'TIP-ABC123', text: 'Ada info baru' });
    expect(follow[1]).toMatchObject({ tipId: 'TIP-ABC123', text: '', media: [expect.objectContaining({ kind: 'photo' })] });
  });

  it('status: erase my report, asked to confirm, changing my mind once', () => {
    const r = transcript([{ choice: 'status' }, '7k3f q9xm 2hda', { choice: 'erase' }, { choice: 'no' }, { choice: 'erase' }, { choice: 'yes' }], { locale });
    expect(r.text).toMatchSnapshot();
    // Only the confirmed choice asks the host to erase, and only the case the receipt opened.
    expect(r.effects.filter((e) => e.kind === 'request_erasure')).toEqual([{ kind: 'request_erasure', tipId: 'TIP-ABC123' }]);
    expect(r.text).toMatch(/7 (hari|days)/);
    // Back at the menu, the conversation no longer knows the case or the receipt.
    expect(r.prompt).toMatchObject({ flow: 'menu', step: 'main' });
    expect(r.state.vars.tipId).toBeUndefined();
    expect(JSON.stringify(r.state)).not.toContain('7K3F');
  });

  it('help_contacts and language', () => {
    const r = transcript([{ choice: 'help_contacts' }, { choice: 'language' }, locale === 'id' ? 'English' : 'Bahasa Indonesia'], { locale });
    expect(r.text).toMatchSnapshot();
    expect(r.text).toMatch(/110/);
    expect(r.state.locale).toBe(locale === 'id' ? 'en' : 'id');
  });
});

describe('the status word', () => {
  it('opens the status check from another flow, but is plain text inside an unfinished report', () => {
    const fromLearn = transcript([{ choice: 'learn' }, 'status']);
    expect(fromLearn.prompt).toMatchObject({ flow: 'status', step: 'receipt' });
    const inReport = transcript([{ choice: 'report' }, 'me', 'job_abroad', 'sambas', { choice: 'skip' }, { choice: 'skip' }, 'status']);
    expect(inReport.prompt).toMatchObject({ flow: 'report', step: 'evidence' });
    expect(inReport.state.answers.description).toBe('status');
  });
});

describe('status with the receipt in one message', () => {
  it('goes straight to the case from the menu, and buttons may send labels or numbers', () => {
    const r = transcript(['status 7k3f-q9xm-2hda']);
    expect(r.text).toContain('TIP-ABC123');
    expect(r.prompt).toMatchObject({ flow: 'status', step: 'next_action' });
    const byLabel = transcript([{ choice: 'Nomor bantuan' }]);
    expect(byLabel.text).toMatch(/SAPA 129/);
    const byNumber = transcript([{ choice: '2' }]);
    expect(byNumber.prompt).toMatchObject({ flow: 'check_agency', step: 'query' });
  });
});
