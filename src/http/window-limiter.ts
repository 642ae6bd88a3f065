/**
 * A small in-memory counter per key and fixed time window: the one building block of every limit
 * (per conversation, per client address, global). Kept in memory only — client addresses are never
 * stored or logged — and bounded in size, so a flood of distinct keys cannot grow it without end.
 */

export type WindowLimiter = {
  /**
   * Count one event for `key` and say whether it is still within the limit. A refused event is
   * counted too, so hammering a closed door does not open it sooner.
   */
  take(key: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number };
  /** Count one event without deciding anything (e.g. a failed login). */
  hit(key: string, now: number): void;
  /** Whether `key` has reached the limit in the current window (without counting). */
  blocked(key: string, now: number): { blocked: false } | { blocked: true; retryAfterSeconds: number };
};

/**
 * ```ts
 * const opens = createWindowLimiter({ max: 30, windowMs: 60_000 });
 * if (!opens.take(req.ip, app.clock()).ok) throw new HttpError(429, 'rate_limited', '…');
 * ```
 */
export function createWindowLimiter(opts: { max: number; windowMs: number; maxKeys?: number }): WindowLimiter {
  const maxKeys = opts.maxKeys ?? 100_000;
  const windows = new Map<string, { start: number; n: number }>();

  function current(key: string, now: number): { start: number; n: number } {
    let w = windows.get(key);
    if (!w || now - w.start >= opts.windowMs) {
      w = { start: now, n: 0 };
      if (windows.size >= maxKeys) prune(now);
      windows.set(key, w);
    }
    return w;
  }

  function prune(now: number): void {
    for (const [k, w] of windows) if (now - w.start >= opts.windowMs) windows.delete(k);
    // Still full of live keys (a distributed flood): forget the oldest half rather than grow.
    if (windows.size >= maxKeys) {
      let drop = Math.ceil(windows.size / 2);
      for (const k of windows.keys()) {
        if (drop-- <= 0) break;
        windows.delete(k);
      }
    }
  }

  const retryAfter = (w: { start: number }, now: number) => Math.max(1, Math.ceil((w.start + opts.windowMs - now) / 1000));

  return {
    take(key, now) {
      const w = current(key, now);
      w.n++;
      return w.n <= opts.max ? { ok: true } : { ok: false, retryAfterSeconds: retryAfter(w, now) };
    },
    hit(key, now) {
      current(key, now).n++;
    },
    blocked(key, now) {
      const w = windows.get(key);
      if (!w || now - w.start >= opts.windowMs || w.n < opts.max) return { blocked: false };
      return { blocked: true, retryAfterSeconds: retryAfter(w, now) };
    },
  };
}
