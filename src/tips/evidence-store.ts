/**
 * Evidence files stored by content hash under `DATA_DIR/media/ab/abcdef…`. Images are re-encoded
 * with sharp, which drops EXIF/GPS and other metadata: a photo's location can name the reporter.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { MediaRef } from '../messages.js';
import type { EvidenceStore, StoreResult } from './evidence-types.js';

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const OTHER_TYPES = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/plain',
  'audio/ogg',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/amr',
  'audio/webm',
  'audio/wav',
  'audio/x-m4a',
]);

/** Media type without parameters (`audio/ogg; codecs=opus` → `audio/ogg`). */
export function baseMime(mime: string): string {
  return mime.split(';')[0].trim().toLowerCase();
}

/**
 * ```ts
 * const evidence = createEvidenceStore({ mediaDir: config.mediaDir, maxBytes: config.MEDIA_MAX_BYTES });
 * const r = await evidence.store(bytes, 'image/jpeg', 'photo');
 * ```
 */
export function createEvidenceStore(opts: { mediaDir: string; maxBytes: number }): EvidenceStore {
  const pathOf = (sha: string) => join(opts.mediaDir, sha.slice(0, 2), sha);
  const accepts = (mime: string) => IMAGE_TYPES.has(baseMime(mime)) || OTHER_TYPES.has(baseMime(mime));
  return {
    maxBytes: opts.maxBytes,
    accepts,
    pathOf,
    async store(bytes: Buffer, mimeIn: string, kind: MediaRef['kind']): Promise<StoreResult> {
      const mime = baseMime(mimeIn);
      if (bytes.length > opts.maxBytes) return { ok: false, reason: 'too_large' };
      if (!accepts(mime)) return { ok: false, reason: 'bad_type' };
      let body = bytes;
      if (IMAGE_TYPES.has(mime)) {
        try {
          // rotate() applies the EXIF orientation before the metadata is dropped.
          body = await sharp(bytes, { failOn: 'error' }).rotate().toBuffer();
        } catch {
          return { ok: false, reason: 'bad_type' };
        }
      }
      const sha256 = createHash('sha256').update(body).digest('hex');
      const path = pathOf(sha256);
      try {
        await mkdir(join(opts.mediaDir, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
        const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
        await writeFile(tmp, body, { mode: 0o600 });
        await rename(tmp, path);
      } catch {
        return { ok: false, reason: 'failed' };
      }
      return { ok: true, media: { id: `M${randomBytes(8).toString('hex')}`, sha256, mime, size: body.length, kind } };
    },
  };
}
