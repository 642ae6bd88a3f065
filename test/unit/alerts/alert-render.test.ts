import { describe, expect, it } from 'vitest';
import {
  type AlertView,
  type DetailsView,
  escapeHtml,
  renderDigest,
  renderEscalation,
  renderOfficerDetails,
  renderTelegramAlert,
  renderWhatsAppAlert,
  splitMessages,
} from '../../../src/alerts/alert-render.js';

const view = (o: Partial<AlertView> = {}): AlertView => ({
  id: 'T7Q2',
  urgency: 'urgent',
  reasons: ['passport_held', 'minor'],
  regency: 'Sambas',
  category: 'job_abroad',
  destination: 'Kuching',
  recruiter: 'PT <b>Maju</b> & Co',
  description: 'Adik saya <script>alert(1)</script> dikurung di mes',
  complete: true,
  relatedCount: 2,
  status: 'new',
  claimedBy: null,
  createdAt: Date.UTC(2026, 2, 1, 1, 0),
  ...o,
});

describe('renderTelegramAlert', () => {
  it('shows urgency, reason labels, summary fields and the buttons', () => {
    const { text, reply_markup } = renderTelegramAlert(view(), { includeDescription: false });
    expect(text).toContain('MENDESAK');
    expect(text).toContain('#T7Q2');
    expect(text).toContain('paspor ditahan');
    expect(text).toContain('anak di bawah umur');
    expect(text).toContain('Sambas');
    expect(text).toContain('Kuching');
    expect(text).toContain('Kerja di luar negeri');
    expect(text).toContain('Laporan terkait</b>: 2');
    expect(reply_markup?.inline_keyboard[0].map((b) => [b.text, b.callback_data])).toEqual([
      ['Klaim', 'a:claim:T7Q2'],
      ['Tutup', 'a:close:T7Q2'],
      ['Spam', 'a:spam:T7Q2'],
    ]);
  });

  it('says what changed when a follow-up made a normal tip urgent, in words (alert, WhatsApp, details)', () => {
    const v = view({ reasons: ['departure_soon', 'irregular_route'], risenBy: ['departure_soon'] });
    const { text } = renderTelegramAlert(v, { includeDescription: false });
    expect(text).toContain('Naik menjadi mendesak setelah informasi tambahan dari pelapor: segera berangkat');
    expect(text).not.toMatch(/departure_soon|irregular_route/);
    expect(renderWhatsAppAlert(v, { includeDescription: false })).toContain('segera berangkat');
    const details = renderOfficerDetails(
      { ...v, whereNow: 'holding_house', peopleCount: 'more_than_five', channel: 'web', answers: { where_now: 'holding_house', people_count: 'more_than_five' }, mediaCount: 0, related: [], thread: [] },
      { 'where_now.holding_house': 'Di penampungan / rumah agen', 'people_count.more_than_five': 'Lebih dari 5 orang' },
    ).join('\n');
    expect(details).toContain('Naik menjadi mendesak');
    expect(details).toContain('Di mana sekarang</b>: Di penampungan / rumah agen');
    expect(details).toContain('Jumlah orang</b>: Lebih dari 5 orang');
    expect(details.match(/Di mana sekarang/g)).toHaveLength(1);
    expect(renderTelegramAlert(view(), { includeDescription: false }).text).not.toContain('Naik menjadi');
  });

  it('escapes every user-provided field', () => {
    const { text } = renderTelegramAlert(
      view({ regency: 'A<i>', destination: 'x & y', category: '<u>odd</u>' }),
      { includeDescription: true },
    );
    expect(text).toContain('PT &lt;b&gt;Maju&lt;/b&gt; &amp; Co');
    expect(text).toContain('A&lt;i&gt;');
    expect(text).toContain('x &amp; y');
    expect(text).toContain('&lt;script&gt;');
    // The only tags left are our own <b>.
    expect(text.replace(/<\/?b>/g, '')).not.toMatch(/[<>]/);
  });

  it('leaves out the description unless enabled, and truncates it when enabled', () => {
    expect(renderTelegramAlert(view(), { includeDescription: false }).text).not.toContain('dikurung');
    const long = renderTelegramAlert(view({ description: 'kata '.repeat(200) }), { includeDescription: true }).text;
    expect(long).toContain('Uraian');
    expect(long.length).toBeLessThan(900);
    expect(long).toContain('…');
  });

  it('never carries a receipt, pseudonym or address even if present on the object', () => {
    const leaky = { ...view(), receipt: '7K3F-Q9XM-2HDA', pseudonym: 'abc123pseudo', address: '628123456789' };
    const outputs = [
      renderTelegramAlert(leaky, { includeDescription: true }).text,
      renderWhatsAppAlert(leaky, { includeDescription: true }),
      ...renderOfficerDetails({ ...leaky, channel: 'telegram', answers: { receipt: '7K3F-Q9XM-2HDA' }, mediaCount: 0, related: [], thread: [] }),
    ].join('\n');
    expect(outputs).not.toContain('7K3F');
    expect(outputs).not.toContain('abc123pseudo');
    expect(outputs).not.toContain('628123456789');
  });

  it('marks incomplete reports and shows the holder after a claim without the Klaim button', () => {
    const { text, reply_markup } = renderTelegramAlert(view({ complete: false, status: 'claimed', claimedBy: 'Sari <x>' }), {
      includeDescription: false,
    });
    expect(text).toContain('belum lengkap');
    expect(text).toContain('Ditangani oleh: Sari &lt;x&gt;');
    expect(reply_markup?.inline_keyboard[0].map((b) => b.text)).toEqual(['Tutup', 'Spam']);
    expect(renderTelegramAlert(view({ status: 'closed' }), { includeDescription: false }).reply_markup).toBeUndefined();
  });
});

describe('other texts', () => {
  it('shows option ids with the words of the flow catalog', () => {
    const catalog = { 'regency.kapuas_hulu': 'Kapuas Hulu', 'report.cat.online_scam': 'Kerja "IT" (online)', 'report.dep.days': 'Dalam seminggu', 'common.unsure': 'Tidak tahu' };
    const v = view({ regency: 'kapuas_hulu', category: 'online_scam' });
    const { text } = renderTelegramAlert(v, { includeDescription: false, catalog });
    expect(text).toContain('Kabupaten/Kota</b>: Kapuas Hulu');
    expect(text).toContain('Kategori</b>: Kerja &quot;IT&quot; (online)');
    const details = renderOfficerDetails(
      { ...v, channel: 'web', answers: { departure: 'days', minor: 'unsure' }, mediaCount: 0, related: [], thread: [] },
      catalog,
    ).join('\n');
    expect(details).toContain('Keberangkatan</b>: Dalam seminggu');
    expect(details).toContain('Melibatkan anak</b>: Tidak tahu');
    expect(renderTelegramAlert(v, { includeDescription: false }).text).toContain('kapuas_hulu');
  });

  it('escalation says which one and how long', () => {
    const { text } = renderEscalation(view(), { n: 2, minutes: 30, includeDescription: false });
    expect(text).toContain('ESKALASI #2</b> — belum diklaim selama 30 menit');
    expect(text).toContain('MENDESAK');
  });

  it('officer details include everything useful, escaped', () => {
    const d: DetailsView = {
      ...view(),
      channel: 'whatsapp',
      answers: { danger_now: true, departure: 'besok' },
      mediaCount: 3,
      related: ['A1', 'B2'],
      thread: [{ direction: 'in', author: null, text: 'Tolong <cepat>', createdAt: Date.UTC(2026, 2, 1, 2, 0) }],
    };
    const text = renderOfficerDetails(d).join('\n');
    expect(text).toContain('&lt;script&gt;');
    expect(text).toContain('3 berkas');
    expect(text).toContain('#A1, #B2');
    expect(text).toContain('Tolong &lt;cepat&gt;');
    expect(text).toContain('Ada yang dalam bahaya sekarang</b>: Ya');
    expect(text).toContain('2026-03-01 08:00 WIB');
  });

  it('digest lists normal tips and splits long lists below the Telegram limit', () => {
    const tips = Array.from({ length: 200 }, (_, i) => view({ id: `N${i}`, urgency: 'normal', regency: 'Kota <Pontianak>' }));
    const parts = renderDigest({ date: '2026-03-01', tips });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4000);
    const all = parts.join('\n');
    expect(all).toContain('Ringkasan harian 2026-03-01');
    expect(all).toContain('200 laporan biasa');
    expect(all).toContain('#N199');
    expect(all).toContain('Kota &lt;Pontianak&gt;');
    expect(renderDigest({ date: '2026-03-02', tips: [] }).join('')).toContain('Tidak ada laporan biasa baru');
  });

  it('WhatsApp variant is plain text with formatting markers neutralised', () => {
    const text = renderWhatsAppAlert(view({ recruiter: '*bos*_besar_' }), { includeDescription: false });
    expect(text).toContain('*🚨 MENDESAK*');
    expect(text).not.toContain('*bos*');
    expect(text).not.toContain('<b>');
  });

  it('escapeHtml and splitMessages', () => {
    expect(escapeHtml('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(splitMessages(['aaa', 'bbb', 'ccc'], 7)).toEqual(['aaa\nbbb', 'ccc']);
  });
});
