/** The evidence store's port: bytes in, a content-addressed MediaRef out (or a clear refusal). */
import type { MediaRef } from '../messages.js';

export type StoreResult =
  | { ok: true; media: MediaRef }
  | { ok: false; reason: 'too_large' | 'bad_type' | 'failed' | 'quota' };

export type EvidenceStore = {
  /** Largest accepted file, in bytes (adapters check sizes before downloading). */
  maxBytes: number;
  /**
   * Whether a DECLARED type could be accepted: adapters skip downloads that cannot succeed. The
   * decision itself is made on the bytes in `store`.
   */
  accepts(mime: string): boolean;
  /**
   * Before receiving a file: `quota` when the evidence storage is full, `busy` when the global
   * per-minute ceiling on uploads is reached (counts this upload), else `ok`.
   */
  admit(): 'ok' | 'quota' | 'busy';
  /**
   * Store a file by its SHA-256 under `DATA_DIR/media`. The type and kind are taken from the bytes
   * (the declared ones are the sender's word and are not trusted); images and PDFs are cleaned of
   * metadata first.
   */
  store(bytes: Buffer, declaredMime: string, declaredKind: MediaRef['kind']): Promise<StoreResult>;
  /** Absolute path of a stored file, for officers only. */
  pathOf(sha256: string): string;
  /** Bytes stored and the quota (null: none), for `/health`. */
  usage(): { usedBytes: number; quotaBytes: number | null; full: boolean };
  /** Re-measure the stored bytes from the disk (others, like retention, delete files). */
  recount(): Promise<number>;
  /** Delete files no report or open conversation refers to, last written before `olderThanMs`. */
  sweep(isReferenced: (sha256: string) => boolean, olderThanMs: number): Promise<number>;
};
