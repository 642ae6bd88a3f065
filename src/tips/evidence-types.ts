/** The evidence store's port: bytes in, a content-addressed MediaRef out (or a clear refusal). */
import type { MediaRef } from '../messages.js';

export type StoreResult = { ok: true; media: MediaRef } | { ok: false; reason: 'too_large' | 'bad_type' | 'failed' };

export type EvidenceStore = {
  /** Largest accepted file, in bytes (adapters check sizes before downloading). */
  maxBytes: number;
  /** Accepted MIME types. */
  accepts(mime: string): boolean;
  /**
   * Store a file by its SHA-256 under `DATA_DIR/media`, stripping EXIF/GPS from images first.
   * `kind` is what the person sent (photo, document, voice note).
   */
  store(bytes: Buffer, mime: string, kind: MediaRef['kind']): Promise<StoreResult>;
  /** Absolute path of a stored file, for officers only. */
  pathOf(sha256: string): string;
};
