import { describe, expect, it } from 'vitest';
import { escapeWhatsApp, render, splitText } from '../../../../src/channels/whatsapp/render.js';

const menu = {
  kind: 'choices' as const,
  text: 'Apa yang ingin Anda lakukan?',
  options: [
    { id: 'report', label: 'Laporkan' },
    { id: 'check_agency', label: 'Cek agen' },
  ],
};

describe('render', () => {
  it('renders choices as a numbered list with a hint in the conversation locale', () => {
    expect(render([menu], { locale: 'id' })).toEqual(['Apa yang ingin Anda lakukan?\n\n1. Laporkan\n2. Cek agen\n\nBalas dengan angka.']);
    expect(render([menu], { locale: 'en' })[0]).toMatch(/\n\nReply with a number\.$/);
  });

  it('sends each output as its own message, in order, and skips empty texts', () => {
    expect(render([{ kind: 'text', text: 'Terima kasih.' }, { kind: 'text', text: '  ' }, menu], { locale: 'id' })).toHaveLength(2);
  });

  it('keeps user text from turning into WhatsApp bold, italic, strike or code', () => {
    const out = render([{ kind: 'text', text: 'Dia bilang *gratis* dan ~tanpa biaya~ _cepat_ `x`' }], { locale: 'id' })[0];
    // No marker directly followed by a visible character at a word start remains.
    expect(out).not.toMatch(/(^|\s)[*_~`][^\s\u200B]/u);
    expect(out.replaceAll('\u200B', '')).toBe('Dia bilang *gratis* dan ~tanpa biaya~ _cepat_ `x`');
  });

  it('leaves markers inside words and URLs alone', () => {
    expect(escapeWhatsApp('lihat https://x.id/a_b_c dan nama_file.pdf 2*3')).toBe('lihat https://x.id/a_b_c dan nama_file.pdf 2*3');
  });

  it('splits long texts under the limit on paragraph boundaries without losing words', () => {
    const para = 'kata '.repeat(300).trim();
    const long = [para, para, para, para].join('\n\n');
    const parts = render([{ kind: 'text', text: long }], { locale: 'id', maxLength: 4000 });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4000);
    expect(parts.join(' ').split(/\s+/).length).toBe(long.split(/\s+/).length);
  });

  it('hard-splits a text with no spaces', () => {
    const parts = splitText('x'.repeat(9000), 4000);
    expect(parts.map((p) => p.length)).toEqual([4000, 4000, 1000]);
  });

  it('keeps a long choice list together with its hint in the last message', () => {
    const parts = render([{ ...menu, text: 'y '.repeat(2500) }], { locale: 'id', maxLength: 4000 });
    expect(parts.at(-1)).toBe('1. Laporkan\n2. Cek agen\n\nBalas dengan angka.');
  });
});
