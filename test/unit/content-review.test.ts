/**
 * West Kalimantan content is data with a check date and sources (DOMAIN.md: keep [U] facts in
 * editable data, marked for human review); the reporter sees the date, and a part that awaits
 * review says so in both languages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowSet } from '../../flows/index.js';
import { humanDate } from '../../src/conversations/wib-dates.js';

const review = JSON.parse(readFileSync(new URL('../../flows/content-review.json', import.meta.url), 'utf8')) as {
  items: Array<{ key: string; checkedOn: string; sources: string[]; humanReview: boolean; why?: string }>;
};
const { catalogs } = loadFlowSet();

describe('content review data', () => {
  it('lists a date and sources for every content item, and each exists in both languages', () => {
    for (const item of review.items) {
      expect(item.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(item.sources.length).toBeGreaterThan(0);
      if (item.humanReview) expect(item.why).toBeTruthy();
      expect(catalogs.id[item.key]).toBeTruthy();
      expect(catalogs.en[item.key]).toBeTruthy();
    }
  });

  it('shows reporters the check date under each Kalbar topic, and flags the fee rules for review', () => {
    for (const item of review.items.filter((i) => i.key.startsWith('learn.'))) {
      expect(catalogs.id[`${item.key}_checked`]).toContain(humanDate(item.checkedOn, 'id'));
      expect(catalogs.en[`${item.key}_checked`]).toContain(humanDate(item.checkedOn, 'en'));
    }
    expect(catalogs.id['learn.fees_checked']).toContain('MENUNGGU PEMERIKSAAN PETUGAS');
    expect(catalogs.en['learn.fees_checked']).toContain('AWAITS REVIEW');
  });

  it('says what DOMAIN.md §1–§4 asks for, in both languages', () => {
    for (const l of ['id', 'en'] as const) {
      const border = catalogs[l]['learn.border'];
      for (const post of ['Entikong', 'Aruk', 'Badau', 'Jagoi Babang', 'Sei/Sungai Kelik']) expect(border).toContain(post);
      expect(border).toMatch(/jalan tikus/i);
      expect(border).toMatch(/PLB.*(BUKAN izin kerja|NOT a work permit)/);
      expect(border).toMatch(/kerja kosongan.*(deportasi|deportation)/s);
      const steps = catalogs[l]['learn.safe_steps'];
      for (const word of ['18', 'BPJS', 'SISKOP2MI', 'LTSA', 'Disnaker']) expect(steps).toContain(word);
      expect(steps).toMatch(/kepala desa|village head/);
      expect(catalogs[l]['help.contacts']).toMatch(/SAPA 129 \(KemenPPPA[;)].*(siapa saja|anyone)/);
    }
  });
});
