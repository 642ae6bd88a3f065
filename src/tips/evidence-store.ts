/**
 * Evidence files stored by content hash under `DATA_DIR/media/ab/abcdef…`. The type comes from the
 * bytes (magic numbers), never from what the sender declared; every accepted type is cleaned of
 * metadata that could name the reporter, and everything else is refused:
 * - JPEG, PNG, WebP: decoded by sharp with a pixel limit and re-encoded (drops EXIF/GPS, XMP, ICC
 *   comments); at most two decodes at once, so a burst of photos cannot exhaust memory.
 * - PDF: rewritten by pdf-lib without the Info dictionary (Author, Creator…), XMP metadata and
 *   auto-run actions.
 * - Audio (Ogg/Opus voice notes, MP3, M4A, AAC, AMR, WAV): kept as they are, except MP3 ID3 tags.
 * Beyond `MEDIA_QUOTA_BYTES` of stored evidence nothing more is accepted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as PdfLib from 'pdf-lib';
import { lazy } from '../lazy.js';
import { createWindowLimiter } from '../http/window-limiter.js';
import type { MediaRef } from '../messages.js';
import type { EvidenceStore, StoreResult } from './evidence-types.js';

// Loaded on the first upload, not at start-up (src/lazy.ts).
const loadFileType = lazy(() => import('file-type'));
const loadPdfLib = lazy(() => import('pdf-lib'));
const loadSharp = lazy(async () => (await import('sharp')).default);

/** Images larger than this many pixels are refused before decoding (≈ a 40 MP phone photo). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Decodes (images, PDFs) running at once; more wait their turn. */
const MAX_CONCURRENT_DECODES = 2;

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const AUDIO_TYPES = new Set(['audio/ogg', 'audio/opus', 'audio/mpeg', 'audio/mp4', 'audio/x-m4a', 'audio/aac', 'audio/amr', 'audio/wav', 'audio/x-wav', 'audio/vnd.wave']);
const PDF = 'application/pdf';

/** Media type without parameters (`audio/ogg; codecs=opus` → `audio/ogg`). */
export function baseMime(mime: string): string {
  return mime.split(';')[0].trim().toLowerCase();
}

/** Whether a declared type could be accepted: adapters use it to skip hopeless downloads. */
function plausible(mime: string): boolean {
  const m = baseMime(mime);
  return IMAGE_TYPES.has(m) || AUDIO_TYPES.has(m) || m === PDF || m === 'audio/x-opus+ogg' || m === 'audio/webm';
}

/** The real type of a file from its first bytes, if it is one we accept. */
export async function sniffEvidence(bytes: Uint8Array): Promise<{ mime: string; kind: MediaRef['kind'] } | null> {
  const { fileTypeFromBuffer } = await loadFileType();
  const t = await fileTypeFromBuffer(bytes).catch(() => undefined);
  if (!t) return null;
  const mime = baseMime(t.mime);
  if (IMAGE_TYPES.has(mime)) return { mime, kind: 'photo' };
  if (mime === PDF) return { mime, kind: 'document' };
  if (AUDIO_TYPES.has(mime)) return { mime: mime === 'audio/opus' ? 'audio/ogg' : mime, kind: 'voice' };
  return null;
}

/** A counting semaphore: at most `n` holders at once, the rest queue in order. */
function semaphore(n: number) {
  let free = n;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

/** Re-encode an image in its own format; sharp refuses it before decoding when over the pixel limit. */
async function cleanImage(bytes: Buffer): Promise<Buffer> {
  // rotate() applies the EXIF orientation before the metadata is dropped.
  const sharp = await loadSharp();
  return sharp(bytes, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true }).rotate().toBuffer();
}

/** Rewrite a PDF without the Info dictionary, XMP metadata or actions that run on opening. */
export async function cleanPdf(bytes: Buffer): Promise<Buffer> {
  const { PDFDict, PDFDocument, PDFName, PDFRef } = await loadPdfLib();
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const { context, catalog } = doc;
  const drop = (dict: PdfLib.PDFDict, key: string) => {
    const value = dict.get(PDFName.of(key));
    if (value instanceof PDFRef) context.delete(value);
    dict.delete(PDFName.of(key));
  };
  const info = context.trailerInfo.Info;
  if (info instanceof PDFRef) context.delete(info);
  context.trailerInfo.Info = undefined;
  for (const key of ['Metadata', 'OpenAction', 'AA', 'PieceInfo']) drop(catalog, key);
  for (const page of doc.getPages()) for (const key of ['Metadata', 'AA', 'PieceInfo']) drop(page.node, key);
  // XMP streams attached anywhere else (images, fonts) go too: they carry authoring tools and names.
  for (const [ref, obj] of context.enumerateIndirectObjects()) {
    const inner = (obj as unknown as { dict?: unknown }).dict;
    const dict = obj instanceof PDFDict ? obj : inner instanceof PDFDict ? inner : null;
    if (dict?.get(PDFName.of('Type'))?.toString() === '/Metadata') context.delete(ref);
  }
  return Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}

/** MP3 without its ID3v2 header and ID3v1 trailer (titles, artist = often the phone owner's name). */
function stripId3(bytes: Buffer): Buffer {
  let body = bytes;
  if (body.length > 10 && body.toString('latin1', 0, 3) === 'ID3') {
    const size = ((body[6] & 0x7f) << 21) | ((body[7] & 0x7f) << 14) | ((body[8] & 0x7f) << 7) | (body[9] & 0x7f);
    const footer = body[5] & 0x10 ? 10 : 0;
    body = body.subarray(Math.min(body.length, 10 + size + footer));
  }
  if (body.length >= 128 && body.toString('latin1', body.length - 128, body.length - 125) === 'TAG') body = body.subarray(0, body.length - 128);
  return body;
}

/**
 * ```ts
 * const evidence = createEvidenceStore({ mediaDir: config.mediaDir, maxBytes: config.MEDIA_MAX_BYTES,
 *   quotaBytes: config.MEDIA_QUOTA_BYTES, uploadsPerMinute: config.UPLOADS_PER_MINUTE, clock: Date.now });
 * if (evidence.admit() === 'ok') await evidence.store(bytes, declaredMime, 'photo');
 * ```
 */
export function createEvidenceStore(opts: {
  mediaDir: string;
  maxBytes: number;
  quotaBytes?: number;
  uploadsPerMinute?: number;
  clock?: () => number;
}): EvidenceStore {
  const pathOf = (sha: string) => join(opts.mediaDir, sha.slice(0, 2), sha);
  const quota = opts.quotaBytes ?? Number.POSITIVE_INFINITY;
  const clock = opts.clock ?? Date.now;
  const uploads = createWindowLimiter({ max: opts.uploadsPerMinute ?? Number.MAX_SAFE_INTEGER, windowMs: 60_000, maxKeys: 1 });
  const decode = semaphore(MAX_CONCURRENT_DECODES);
  let usedBytes = 0;

  async function clean(bytes: Buffer, mime: string): Promise<Buffer | 'too_large' | 'bad_type'> {
    try {
      if (IMAGE_TYPES.has(mime)) return await decode(() => cleanImage(bytes));
      if (mime === PDF) return await decode(() => cleanPdf(bytes));
      if (mime === 'audio/mpeg') return stripId3(bytes);
      return bytes;
    } catch (err) {
      // Over the pixel limit (refused from the header, before decoding): "too large" for the person.
      if (/pixel limit/i.test(String((err as Error)?.message))) return 'too_large';
      // Corrupt, encrypted or truncated: not something officers can open.
      return 'bad_type';
    }
  }

  /** Every stored file (and leftover temp file) with its size and age. */
  async function listFiles(): Promise<Array<{ path: string; name: string; size: number; mtimeMs: number }>> {
    const out: Array<{ path: string; name: string; size: number; mtimeMs: number }> = [];
    const dirs = await readdir(opts.mediaDir).catch(() => [] as string[]);
    for (const d of dirs) {
      if (!/^[0-9a-f]{2}$/.test(d)) continue;
      const names = await readdir(join(opts.mediaDir, d)).catch(() => [] as string[]);
      for (const name of names) {
        const path = join(opts.mediaDir, d, name);
        const s = await stat(path).catch(() => null);
        if (s?.isFile()) out.push({ path, name, size: s.size, mtimeMs: s.mtimeMs });
      }
    }
    return out;
  }

  return {
    maxBytes: opts.maxBytes,
    accepts: plausible,
    pathOf,
    admit() {
      if (usedBytes >= quota) return 'quota';
      return uploads.take('all', clock()).ok ? 'ok' : 'busy';
    },
    usage: () => ({ usedBytes, quotaBytes: Number.isFinite(quota) ? quota : null, full: usedBytes >= quota }),
    async store(bytes: Buffer, _declaredMime: string, _declaredKind: MediaRef['kind']): Promise<StoreResult> {
      if (bytes.length > opts.maxBytes) return { ok: false, reason: 'too_large' };
      const sniffed = await sniffEvidence(bytes);
      if (!sniffed) return { ok: false, reason: 'bad_type' };
      const body = await clean(bytes, sniffed.mime);
      if (typeof body === 'string') return { ok: false, reason: body };
      if (usedBytes + body.length > quota) return { ok: false, reason: 'quota' };
      const sha256 = createHash('sha256').update(body).digest('hex');
      const path = pathOf(sha256);
      try {
        const existed = await stat(path).then(() => true, () => false);
        await mkdir(join(opts.mediaDir, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
        const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
        await writeFile(tmp, body, { mode: 0o600 });
        await rename(tmp, path);
        if (!existed) usedBytes += body.length;
      } catch {
        return { ok: false, reason: 'failed' };
      }
      return { ok: true, media: { id: `M${randomBytes(8).toString('hex')}`, sha256, mime: sniffed.mime, size: body.length, kind: sniffed.kind } };
    },
    async recount() {
      usedBytes = (await listFiles()).reduce((n, f) => n + f.size, 0);
      return usedBytes;
    },
    async sweep(isReferenced, olderThanMs) {
      let removed = 0;
      for (const f of await listFiles()) {
        if (f.mtimeMs >= olderThanMs) continue;
        const sha = /^[0-9a-f]{64}$/.test(f.name) ? f.name : null;
        if (sha && isReferenced(sha)) continue;
        await unlink(f.path).then(() => removed++, () => undefined);
      }
      await this.recount();
      return removed;
    },
  };
}
