import { describe, expect, it } from 'vitest';
import { chunks, escapeHtml, render, trimLabel } from '../../../../src/channels/telegram/render.js';
import type { Outbound } from '../../../../src/messages.js';

const unescapeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('telegram render', () => {
  it('escapes &, <, > and " in every text and sends HTML without link previews', () => {
    const [p] = render([{ kind: 'text', text: 'Agen <b>PT Maju</b> & "calo" <script>' }]);
    expect(p).toEqual({
      text: 'Agen &lt;b&gt;PT Maju&lt;/b&gt; &amp; &quot;calo&quot; &lt;script&gt;', // Telegram shows &quot; as "
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('renders choices as an inline keyboard with c:<id> callback data, two per row when short', () => {
    const out: Outbound[] = [
      { kind: 'choices', text: 'Pilih <satu>:', options: [
        { id: 'yes', label: 'Ya' }, { id: 'no', label: 'Tidak' }, { id: 'skip', label: 'Lewati' },
      ] },
    ];
    const [p] = render(out);
    expect(p?.text).toBe('Pilih &lt;satu&gt;:');
    expect(p?.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: 'Ya', callback_data: 'c:yes' }, { text: 'Tidak', callback_data: 'c:no' }],
        [{ text: 'Lewati', callback_data: 'c:skip' }],
      ],
    });
  });

  it('puts long labels one per row and trims them to a sane length', () => {
    const long = 'Periksa apakah agen penyalur resmi terdaftar di KP2MI dan masih berlaku izinnya';
    const [p] = render([{ kind: 'choices', text: 'Menu', options: [{ id: 'check_agency', label: long }, { id: 'report', label: 'Lapor' }] }]);
    const rows = p!.reply_markup!.inline_keyboard;
    expect(rows).toHaveLength(2);
    const label = (rows[0]![0] as { text: string }).text;
    expect([...label].length).toBeLessThanOrEqual(40);
    expect(label.endsWith('…')).toBe(true);
    expect(trimLabel('  a   b  ', 40)).toBe('a b');
  });

  it('splits text over 4096 characters, keyboard only on the last part, nothing lost', () => {
    const para = `${'Kalimat panjang & <penting>. '.repeat(60)}\n\n`;
    const text = para.repeat(6);
    const parts = render([{ kind: 'choices', text, options: [{ id: 'menu', label: 'Menu' }] }]);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(unescapeHtml(p.text).length).toBeLessThanOrEqual(4096);
    expect(parts.slice(0, -1).every((p) => p.reply_markup === undefined)).toBe(true);
    expect(parts.at(-1)?.reply_markup?.inline_keyboard).toEqual([[{ text: 'Menu', callback_data: 'c:menu' }]]);
    const joined = parts.map((p) => unescapeHtml(p.text)).join(' ').replace(/\s+/g, ' ').trim();
    expect(joined).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it('hard-splits a text without spaces and never cuts an emoji in half', () => {
    const text = `${'x'.repeat(3999)}😀${'y'.repeat(10)}`;
    const parts = chunks(text);
    expect(parts.join('')).toBe(text);
    expect(parts[0]).toHaveLength(3999);
  });

  it('falls back to a numbered list when an option id cannot fit in callback data', () => {
    const [p] = render([{ kind: 'choices', text: 'Pilih', options: [{ id: 'x'.repeat(70), label: 'A' }, { id: 'b', label: 'B' }] }]);
    expect(p?.reply_markup).toBeUndefined();
    expect(p?.text).toBe('Pilih\n\n1. A\n2. B');
  });

  it('skips blank texts but keeps a keyboard that has no text', () => {
    expect(render([{ kind: 'text', text: '   ' }])).toEqual([]);
    const [p] = render([{ kind: 'choices', text: '', options: [{ id: 'a', label: 'A' }] }]);
    expect(p?.text).toBe('…');
    expect(p?.reply_markup).toBeDefined();
  });
});
