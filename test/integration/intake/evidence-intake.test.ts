/**
 * Evidence intake through the shipped app (buildApp + inject): nothing is written for a made-up
 * token or a conversation not waiting for evidence, the type is read from the bytes, PDFs lose
 * their metadata, the per-report count and the storage quota hold, and orphans are swept.
 */
import { randomBytes } from 'node:crypto';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, webChat } from '../../helpers/app.js';
import { filesUnder, multipartUpload } from '../../helpers/evidence-files.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function atEvidenceStep(app: TestApp['app']) {
  const chat = webChat(app);
  await chat.start();
  await chat.choose('report');
  await chat.choose('someone_else');
  await chat.choose('job_abroad');
  await chat.choose('sambas');
  await chat.say('Malaysia');
  await chat.choose('skip');
  await chat.say('Ditawari kerja di kebun sawit, paspor ditahan agen');
  expect(chat.last.prompt).toMatchObject({ step: 'evidence', kind: 'media' });
  return chat;
}

const photo = (seed = 1) =>
  sharp({ create: { width: 16, height: 16, channels: 3, background: { r: seed * 40, g: 10, b: 10 } } }).jpeg().toBuffer();

async function upload(app: TestApp['app'], conversation: string, file: Buffer, opts?: Parameters<typeof multipartUpload>[2]) {
  return app.inject({ method: 'POST', url: '/api/chat/media', ...multipartUpload(conversation, file, opts) });
}

describe('evidence intake', () => {
  it('writes nothing for a token the service never issued', async () => {
    t = await buildTestApp();
    const madeUp = randomBytes(32).toString('base64url');
    const res = await upload(t.app, madeUp, await photo());
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('unknown_conversation');
    // File first (the gate can only run after it): still nothing on disk.
    const late = await upload(t.app, madeUp, await photo(), { fileFirst: true });
    expect(late.statusCode).toBe(404);
    expect(filesUnder(t.config.mediaDir)).toEqual([]);
  });

  it('writes nothing for a conversation at the menu, and nothing after the report moved on', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    await chat.start();
    const res = await upload(t.app, chat.conversation as string, await photo());
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'not_expecting_media', message: expect.stringMatching(/Bukti hanya bisa dikirim/) });
    expect(filesUnder(t.config.mediaDir)).toEqual([]);

    const report = await atEvidenceStep(t.app);
    await report.choose('done');
    expect((await upload(t.app, report.conversation as string, await photo())).statusCode).toBe(409);
    expect(filesUnder(t.config.mediaDir)).toEqual([]);
  });

  it('refuses an SVG declared as a JPEG from its bytes, before any decoder sees it', async () => {
    t = await buildTestApp();
    const chat = await atEvidenceStep(t.app);
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>');
    const res = await upload(t.app, chat.conversation as string, svg, { type: 'image/jpeg', filename: 'foto.jpg' });
    // 415 is the sniffing refusal; a file that reached the decoder and failed would get a 200 turn.
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    const html = await upload(t.app, chat.conversation as string, Buffer.from('<!doctype html><html><body>x</body></html>'), { type: 'application/pdf', filename: 'a.pdf' });
    expect(html.statusCode).toBe(415);
    expect(filesUnder(t.config.mediaDir)).toEqual([]);
  });

  it('stores a real JPEG sent as "application/octet-stream" as the photo it is', async () => {
    t = await buildTestApp();
    const chat = await atEvidenceStep(t.app);
    const res = await upload(t.app, chat.conversation as string, await photo(), { type: 'application/octet-stream', filename: 'x.bin' });
    expect(res.statusCode).toBe(200);
    expect(res.json().replies[0].text).toMatch(/Bukti diterima \(1/);
    const [file] = filesUnder(t.config.mediaDir);
    expect((await sharp(file.bytes).metadata()).format).toBe('jpeg');
  });

  it('rewrites a PDF without its Author, Info dictionary and XMP metadata', async () => {
    t = await buildTestApp();
    const chat = await atEvidenceStep(t.app);
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([200, 200]).drawText('Kontrak kerja', { x: 20, y: 100, size: 12 });
    // Literal strings, as most phone apps and office suites write them.
    const info = doc.context.obj({ Author: PDFString.of('Siti Pelapor Rahasia'), Creator: PDFString.of('HP-Siti-Pontianak') });
    doc.context.trailerInfo.Info = doc.context.register(info);
    const xmp = `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>XMP-Siti-Marker</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
    const stream = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
    doc.catalog.set(PDFName.of('Lang'), PDFString.of('id'));
    const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
    for (const marker of ['Siti Pelapor Rahasia', 'HP-Siti-Pontianak', 'XMP-Siti-Marker']) expect(bytes.includes(Buffer.from(marker))).toBe(true);

    const res = await upload(t.app, chat.conversation as string, bytes, { type: 'application/pdf', filename: 'kontrak.pdf' });
    expect(res.statusCode).toBe(200);
    expect(res.json().replies[0].text).toMatch(/Bukti diterima \(1/);
    const files = filesUnder(t.config.mediaDir);
    expect(files).toHaveLength(1);
    const stored = files[0].bytes;
    for (const marker of ['Siti Pelapor Rahasia', 'HP-Siti-Pontianak', 'XMP-Siti-Marker', '/Author', '/Creator', '/Metadata']) {
      expect(stored.includes(Buffer.from(marker)), marker).toBe(false);
    }
    // Still the same document for officers.
    const back = await PDFDocument.load(stored);
    expect(back.getPageCount()).toBe(1);
    expect(back.getAuthor()).toBeUndefined();
  });

  it('holds the per-report count: beyond MEDIA_MAX_PER_TIP a polite answer and nothing written', async () => {
    t = await buildTestApp({ MEDIA_MAX_PER_TIP: '2' });
    const chat = await atEvidenceStep(t.app);
    for (const seed of [1, 2]) expect((await upload(t.app, chat.conversation as string, await photo(seed))).statusCode).toBe(200);
    const third = await upload(t.app, chat.conversation as string, await photo(3));
    expect(third.statusCode).toBe(200);
    expect(third.json().replies[0].text).toMatch(/Batas jumlah bukti/i);
    expect(filesUnder(t.config.mediaDir)).toHaveLength(2);
  });

  it('counts a follow-up\'s evidence together with what the case already holds', async () => {
    t = await buildTestApp({ MEDIA_MAX_PER_TIP: '2' });
    const chat = await atEvidenceStep(t.app);
    for (const seed of [1, 2]) await upload(t.app, chat.conversation as string, await photo(seed));
    for (const c of ['done', 'no', 'unsure', 'skip', 'unknown', 'no', 'no', 'no', 'confirm']) await chat.choose(c);
    const receipt = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(chat.text())?.[0] as string;
    expect(receipt).toBeDefined();
    await chat.choose('menu');
    await chat.choose('status');
    await chat.say(receipt);
    await chat.choose('add_evidence');
    expect(chat.last.prompt).toMatchObject({ step: 'followup_media', kind: 'media' });
    const res = await upload(t.app, chat.conversation as string, await photo(3));
    expect(res.statusCode).toBe(200);
    expect(res.json().replies[0].text).toMatch(/Batas jumlah bukti/i);
    expect(filesUnder(t.config.mediaDir)).toHaveLength(2);
  });

  it('refuses politely beyond MEDIA_QUOTA_BYTES and shows usage and quota in /health', async () => {
    t = await buildTestApp({ MEDIA_QUOTA_BYTES: String(1024 * 1024) });
    const chat = await atEvidenceStep(t.app);
    // Noise does not compress: about 600 KB each once re-encoded.
    const noisy = (_seed: number) => sharp(randomBytes(450 * 450 * 3), { raw: { width: 450, height: 450, channels: 3 } }).png().toBuffer();
    const first = await upload(t.app, chat.conversation as string, await noisy(1), { type: 'image/png' });
    expect(first.json().replies[0].text).toMatch(/Bukti diterima \(1/);
    const used = filesUnder(t.config.mediaDir)[0].bytes.length;
    expect(used).toBeGreaterThan(512 * 1024);
    const second = await upload(t.app, chat.conversation as string, await noisy(2), { type: 'image/png' });
    expect(second.statusCode).toBe(200);
    expect(second.json().replies[0].text).toMatch(/penyimpanan bukti sedang penuh/);
    expect(filesUnder(t.config.mediaDir)).toHaveLength(1);
    const health = (await t.app.inject({ url: '/health' })).json();
    expect(health.media).toEqual({ usedBytes: used, quotaBytes: 1024 * 1024, full: false });
  });

  it('sweeps files that never joined a report, keeps those a report or an open conversation holds', async () => {
    t = await buildTestApp();
    const chat = await atEvidenceStep(t.app);
    await upload(t.app, chat.conversation as string, await photo(1));
    // An upload whose turn never committed (the conversation moved on in between) leaves an orphan.
    const orphan = await t.app.evidence.store(await photo(2), 'image/jpeg', 'photo');
    expect(orphan.ok).toBe(true);
    expect(filesUnder(t.config.mediaDir)).toHaveLength(2);
    // Within the grace period nothing goes (a turn may still be committing).
    t.clock.now = Date.now();
    expect(await t.app.evidenceSweep.run()).toBe(0);
    t.clock.now = Date.now() + 2 * 3_600_000;
    expect(await t.app.evidenceSweep.run()).toBe(1);
    const left = filesUnder(t.config.mediaDir);
    expect(left).toHaveLength(1);
    expect(orphan.ok && left[0].name).not.toBe(orphan.ok && orphan.media.sha256);
    // Once the report is submitted the file is the tip's, and still kept.
    for (const c of ['done', 'no', 'unsure', 'skip', 'unknown', 'no', 'no', 'no', 'confirm']) await chat.choose(c);
    expect(chat.text()).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(await t.app.evidenceSweep.run()).toBe(0);
    expect(filesUnder(t.config.mediaDir)).toHaveLength(1);
  });
});
