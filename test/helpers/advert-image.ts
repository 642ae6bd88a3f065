/**
 * Job adverts rendered as images by the tests themselves (sharp: SVG text → PNG/JPEG), like the
 * screenshots people forward: a coloured banner, lines of text in two sizes.
 */
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A screenshot-like advert: the first line as a banner, the rest below it. */
export async function renderAdvert(lines: string[], format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const [title, ...rest] = lines;
  const height = 140 + rest.length * 56;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${height}">` +
    '<rect width="100%" height="100%" fill="#fffdf5"/>' +
    '<rect width="100%" height="100" fill="#c62828"/>' +
    `<text x="30" y="66" font-family="DejaVu Sans, sans-serif" font-size="44" font-weight="bold" fill="#ffffff">${esc(title ?? '')}</text>` +
    rest.map((l, i) => `<text x="30" y="${160 + i * 56}" font-family="DejaVu Sans, sans-serif" font-size="34" fill="#1a1a1a">${esc(l)}</text>`).join('') +
    '</svg>';
  const img = sharp(Buffer.from(svg));
  return format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 92 }).toBuffer();
}

/** Whether Debian's tesseract with Indonesian data is installed here (CI installs it). */
export function tesseractInstalled(): boolean {
  const r = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  return r.status === 0 && /\bind\b/.test(`${r.stdout}${r.stderr}`);
}

/** A scam advert as lines of a picture, and what reading it must find. */
export const SCAM_ADVERT_LINES = [
  'LOWONGAN KERJA KAMBOJA',
  'Customer service online',
  'Gaji 15 juta tanpa pengalaman',
  'Umur tidak masalah',
  'Langsung berangkat minggu ini',
  'Biaya proses 3 juta',
  'WA 0812-3456-7890',
];
