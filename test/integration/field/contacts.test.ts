/**
 * Local contacts are deployment data: a JSON file (CONTACTS_FILE) validated at start, with a
 * source and a verified-on date per contact; placeholders are never shown to reporters.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONTACTS_FILE } from '../../../src/contacts/contacts.js';
import { buildTestApp, type TestApp, webChat } from '../../helpers/app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function logSink() {
  const lines: Array<{ level: number; msg: string }> = [];
  return { lines, logger: { level: 'info', stream: { write: (l: string) => lines.push(JSON.parse(l)) } } };
}

describe('help contacts', () => {
  it('ships the sourced national numbers; local placeholders are logged at start, never shown', async () => {
    const sink = logSink();
    t = await buildTestApp({}, { logger: sink.logger });
    const warn = sink.lines.find((l) => l.level === 40 && l.msg.startsWith('contacts:'));
    expect(warn?.msg).toContain('4 local contact(s) not filled in yet');
    expect(warn?.msg).toContain('BP3MI Kalimantan Barat');
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('help_contacts');
    const text = chat.text();
    expect(text).toContain('SAPA 129 (KemenPPPA) — untuk siapa saja');
    expect(text).toContain('0800-1000');
    expect(text).toContain('Nomor diperiksa: 30 November 2026.');
    expect(text).not.toMatch(/UPTD PPA Kalimantan Barat|TO FILL IN|BP3MI Kalimantan Barat/);
  });

  it('uses a filled-in local office from CONTACTS_FILE in help and after an agency is not found', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'waspada-contacts-')), 'contacts.json');
    const data = JSON.parse(readFileSync(DEFAULT_CONTACTS_FILE, 'utf8'));
    const bp3mi = data.contacts.find((c: { id: string }) => c.id === 'bp3mi_kalbar');
    Object.assign(bp3mi, { placeholder: false, channels: [{ kind: 'phone', value: '0561-000000' }], source: 'Kantor BP3MI, surat 12/2026', verifiedOn: '2026-12-01' });
    writeFileSync(file, JSON.stringify(data));
    t = await buildTestApp({ CONTACTS_FILE: file });
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('help_contacts');
    expect(chat.text()).toMatch(/NOMOR BANTUAN:\n• BP3MI Kalimantan Barat \(Pontianak\): telepon 0561-000000/);
    await chat.choose('check_agency');
    await chat.say('PT Benar Benar Tidak Terdaftar Sama Sekali');
    expect(chat.text()).toContain('TIDAK DITEMUKAN');
    expect(chat.text()).toContain('Tanyakan di sini sebelum membayar apa pun:\n• BP3MI Kalimantan Barat (Pontianak): telepon 0561-000000');
  });

  it('refuses to start on an invalid contacts file, naming CONTACTS_FILE and the problem', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'waspada-contacts-')), 'contacts.json');
    writeFileSync(file, JSON.stringify({ contacts: [{ id: 'x', scope: 'local', name: { id: 'X', en: 'X' }, channels: [], source: 's', verifiedOn: null }] }));
    await expect(buildTestApp({ CONTACTS_FILE: file })).rejects.toThrow(/CONTACTS_FILE: .*contacts\.json is not valid:[\s\S]*contact "x": no channels/);
  });
});
