import { describe, expect, it } from 'vitest';
import { ALL_REGENCY_IDS, parseRegencyList, ROUTABLE_REGENCY_IDS } from '../../../src/routing/regencies.js';
import { parseRoutes } from '../../../src/routing/routes-schema.js';

describe('routes document', () => {
  it('accepts teams keyed by the report flow regency ids', () => {
    const r = parseRoutes({
      sambas: { telegramChatId: '-1001111', officerIds: ['8101', '8102'], whatsappJid: '120363000@g.us' },
      kota_singkawang: { telegramChatId: '-1002222', officerIds: [] },
    });
    expect(r).toEqual({
      ok: true,
      routes: {
        sambas: { telegramChatId: '-1001111', officerIds: ['8101', '8102'], whatsappJid: '120363000@g.us' },
        kota_singkawang: { telegramChatId: '-1002222', officerIds: [] },
      },
    });
  });

  it('gives one line per bad entry, naming it: unknown ids, province-only ids, bad fields', () => {
    const r = parseRoutes({
      sambass: { telegramChatId: '-1', officerIds: [] },
      abroad: { telegramChatId: '-2', officerIds: [] },
      bengkayang: { telegramChatId: 'grup satgas', officerIds: ['8101'] },
      sanggau: { telegramChatId: '-3', officerIds: [8101] },
      landak: { telegramChatId: '-4', officerIds: [], whatsappJid: '0812@s.whatsapp.net' },
      sintang: { telegramChatId: '-5', officerIds: [], extra: true },
    });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/^sambass: unknown regency id/);
    expect(problems[1]).toMatch(/^abroad: always goes to the province/);
    expect(problems[2]).toMatch(/^bengkayang\.telegramChatId: must be a numeric Telegram chat id/);
    expect(problems[3]).toMatch(/^sanggau\.officerIds\.0: /);
    expect(problems[4]).toMatch(/^landak\.whatsappJid: must be a WhatsApp group JID/);
    expect(problems[5]).toMatch(/^sintang: .*extra/);
  });

  it('rejects a document that is not an object', () => {
    expect(parseRoutes([{ sambas: {} }])).toEqual({ ok: false, problems: ['must be a JSON object mapping regency ids to teams'] });
  });

  it('knows the 14 kabupaten/kota as routable, and the province-only ids as regencies', () => {
    expect(ROUTABLE_REGENCY_IDS).toHaveLength(14);
    expect(ROUTABLE_REGENCY_IDS).toContain('mempawah');
    expect(ROUTABLE_REGENCY_IDS).not.toContain('unknown');
    expect(ALL_REGENCY_IDS).toEqual(expect.arrayContaining(['outside_kalbar', 'abroad', 'unknown']));
    expect(parseRegencyList(' Sambas,bengkayang,sambas ')).toEqual({ ok: true, ids: ['sambas', 'bengkayang'] });
    expect(parseRegencyList('sambas,pontianak')).toEqual({ ok: false, unknown: ['pontianak'] });
  });
});
