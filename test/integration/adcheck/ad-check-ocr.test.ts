/**
 * Screenshots of adverts read with the local tesseract CLI: images rendered here (sharp), read,
 * then checked like typed text. Skipped — with a visible notice — where tesseract is missing;
 * the "cannot read images" path is tested everywhere.
 */
import { describe, expect, it } from 'vitest';
import { createAdChecker } from '../../../src/adcheck/analyse.js';
import { createTesseractReader } from '../../../src/adcheck/ocr.js';
import { createRegistryService } from '../../../src/registry/registry-service.js';
import { openDb } from '../../../src/storage/db.js';
import { runMigrations } from '../../../src/storage/migrate.js';
import { sqliteStorage } from '../../../src/storage/storage.js';
import { renderAdvert, SCAM_ADVERT_LINES, tesseractInstalled } from '../../helpers/advert-image.js';

const installed = tesseractInstalled();
if (!installed) console.warn('NOTICE: tesseract (tesseract-ocr + tesseract-ocr-ind) is not installed: the OCR tests of the job-ad checker are SKIPPED.');

const db = openDb(':memory:');
runMigrations(db);
const registry = createRegistryService({ storage: sqliteStorage(db), now: () => Date.UTC(2026, 2, 1) });
await registry.ensureDemo();
const checker = createAdChecker(registry.memory);

describe('reading advert screenshots', () => {
  it('says "unavailable" without tesseract, so the bot asks for the text instead', async () => {
    const reader = createTesseractReader({ binary: '/nonexistent/tesseract' });
    expect(await reader.available()).toBe(false);
    expect(await reader.read(await renderAdvert(['LOWONGAN']))).toEqual({ error: 'unavailable' });
  });

  it.skipIf(!installed)('refuses what is not an image, and an image beyond the pixel limit, as unreadable', async () => {
    const reader = createTesseractReader({ maxPixels: 1000 });
    expect(await reader.read(Buffer.from('not an image'))).toEqual({ error: 'unreadable' });
    expect(await reader.read(await renderAdvert(['LOWONGAN', 'besar']))).toEqual({ error: 'unreadable' });
  });

  it.skipIf(!installed)('reads a rendered scam advert and finds the same flags and number as in its text', async () => {
    const reader = createTesseractReader();
    const read = await reader.read(await renderAdvert(SCAM_ADVERT_LINES));
    expect('text' in read).toBe(true);
    const text = 'text' in read ? read.text : '';
    const fromImage = checker.analyse(text);
    const fromText = checker.analyse(SCAM_ADVERT_LINES.join('\n'));
    expect(fromText.flags.length).toBeGreaterThanOrEqual(6);
    const found = fromText.flags.filter((f) => fromImage.flags.includes(f));
    console.log(`OCR: ${found.length}/${fromText.flags.length} flags of the typed advert found in its screenshot`);
    expect(found.length / fromText.flags.length).toBeGreaterThanOrEqual(0.8);
    expect(fromImage.identifiers.phones).toEqual(['6281234567890']);
  });

  it.skipIf(!installed)('reads a licensed agency name from a JPEG and looks it up', async () => {
    const reader = createTesseractReader();
    const read = await reader.read(await renderAdvert(['PT Contoh Karya Nusantara', 'Lowongan operator pabrik Korea', 'Izin DEMO-KEP 005/2025'], 'jpeg'));
    const r = checker.analyse('text' in read ? read.text : '');
    expect(r.agencies[0]).toMatchObject({ match: 'exact', hits: [expect.objectContaining({ licenseNumber: 'DEMO-KEP 005/2025' })] });
  });
});
