/**
 * A module loaded on first use and kept. Heavy libraries — Baileys (~60 MB resident), sharp and
 * libvips (~28 MB), pdf-lib (~24 MB), grammY (~20 MB) — cost start-up time and memory that a
 * service without those channels, or before its first upload, never needs.
 *
 * ```ts
 * const loadSharp = lazy(async () => (await import('sharp')).default);
 * const sharp = await loadSharp();
 * ```
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    return loading;
  };
}
