/**
 * Reading screenshots of job adverts with Debian's `tesseract` CLI (`tesseract-ocr` +
 * `tesseract-ocr-ind`), run locally: an advert never leaves the machine (no network OCR).
 * Bounded on every side: image size in pixels, one or two runs at a time, a short queue, a
 * timeout that kills the process, and a cap on the text read. Without tesseract the reader says
 * `unavailable` and the bot asks for the text instead.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { lazy } from '../lazy.js';

const loadSharp = lazy(async () => (await import('sharp')).default);

export type ImageReading = { text: string } | { error: 'unavailable' | 'unreadable' };

export type OcrOptions = {
  /** The CLI to run (default `tesseract` on PATH). */
  binary?: string;
  /** Kill a run after this long (default 20 s). */
  timeoutMs?: number;
  /** Runs at the same time (default 1: the machine is small). */
  concurrency?: number;
  /** Runs waiting beyond the concurrent ones; more are answered `unreadable` (default 8). */
  maxQueue?: number;
  /** Larger images are refused (default 25 megapixels). */
  maxPixels?: number;
  /** Text kept from one image (default 4000 characters, the advert step's limit). */
  maxChars?: number;
};

type Availability = { ok: false } | { ok: true; langs: string };

/** What `tesseract --list-langs` offers: `ind+eng` when both are installed. */
function detect(binary: string): Promise<Availability> {
  return new Promise((resolve) => {
    let out = '';
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(binary, ['--list-langs'], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch {
      resolve({ ok: false });
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ ok: false });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const langs = new Set(out.split(/\s+/));
      const use = ['ind', 'eng'].filter((l) => langs.has(l));
      resolve(code === 0 && use.length ? { ok: true, langs: use.join('+') } : { ok: false });
    });
  });
}

/**
 * ```ts
 * const ocr = createTesseractReader();
 * if (await ocr.available()) console.log(await ocr.read(pngBytes)); // { text: 'LOWONGAN KERJA …' }
 * ```
 */
export function createTesseractReader(opts: OcrOptions = {}) {
  const binary = opts.binary ?? 'tesseract';
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const maxQueue = opts.maxQueue ?? 8;
  const maxPixels = opts.maxPixels ?? 25_000_000;
  const maxChars = opts.maxChars ?? 4000;
  let availability: Promise<Availability> | null = null;
  let running = 0;
  const waiting: Array<() => void> = [];

  const avail = () => {
    availability ??= detect(binary);
    return availability;
  };

  async function slot<T>(fn: () => Promise<T>, busy: T): Promise<T> {
    if (running >= concurrency) {
      if (waiting.length >= maxQueue) return busy;
      await new Promise<void>((r) => waiting.push(r));
    }
    running++;
    try {
      return await fn();
    } finally {
      running--;
      waiting.shift()?.();
    }
  }

  function run(png: Buffer, langs: string): Promise<string | null> {
    return new Promise((resolve) => {
      // One thread per run: tesseract's OpenMP would otherwise take every core.
      const child = spawn(binary, ['stdin', 'stdout', '-l', langs, '--psm', '3'], {
        stdio: ['pipe', 'pipe', 'ignore'],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', OMP_THREAD_LIMIT: '1' },
      });
      const chunks: Buffer[] = [];
      let size = 0;
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.stdout.on('data', (d: Buffer) => {
        size += d.length;
        if (size <= maxChars * 4) chunks.push(d);
      });
      child.on('error', () => {
        clearTimeout(timer);
        resolve(null);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code === 0 ? Buffer.concat(chunks).toString('utf8') : null);
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(png);
    });
  }

  return {
    /** Whether tesseract with Indonesian or English data is installed (checked once). */
    async available(): Promise<boolean> {
      return (await avail()).ok;
    },

    /** Read the text of one image (bytes of a JPEG/PNG/WebP). */
    async read(image: Buffer): Promise<ImageReading> {
      const a = await avail();
      if (!a.ok) return { error: 'unavailable' };
      let png: Buffer;
      try {
        const sharp = await loadSharp();
        const img = sharp(image, { failOn: 'error', limitInputPixels: maxPixels });
        const meta = await img.metadata();
        if (!meta.width || !meta.height) return { error: 'unreadable' };
        // Grey, and small screenshots enlarged: tesseract reads ~300 dpi text best.
        const scale = meta.width < 1000 ? 2 : 1;
        png = await img
          .grayscale()
          .resize({ width: Math.min(meta.width * scale, 4000), withoutEnlargement: false })
          .png()
          .toBuffer();
      } catch {
        return { error: 'unreadable' };
      }
      const out = await slot(() => run(png, a.langs), null);
      const text = (out ?? '').replace(/\f/g, '').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim().slice(0, maxChars);
      return text ? { text } : { error: 'unreadable' };
    },

    /** Read a stored file (the evidence store's path). */
    async readFile(path: string): Promise<ImageReading> {
      try {
        return await this.read(await readFile(path));
      } catch {
        return { error: 'unreadable' };
      }
    },
  };
}

export type TesseractReader = ReturnType<typeof createTesseractReader>;
