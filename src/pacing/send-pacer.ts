/**
 * Keeps sends within a platform's limits (Telegram: about 30 messages/s overall, about 1
 * message/s per chat with short bursts) and in order per chat: token buckets plus the shared
 * per-key chain (keyed-chain.ts) for the order.
 */
import { createKeyedChain } from './keyed-chain.js';

export type PacerOptions = {
  /** Messages per second overall (Telegram: ~30). */
  globalPerSecond: number;
  /** Sustained messages per second to one chat (Telegram: ~1). */
  perChatPerSecond: number;
  /** Messages one chat may receive at once before pacing starts (a reply is usually 1–3). */
  perChatBurst: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
};

export const defaultPacerOptions: PacerOptions = {
  globalPerSecond: 30,
  perChatPerSecond: 1,
  perChatBurst: 5,
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

type Bucket = { tokens: number; at: number };

export type SendPacer = {
  /** Run `job` for `chatId` after every earlier job of that chat, when the buckets allow. */
  schedule<T>(chatId: string, job: () => Promise<T>): Promise<T>;
  /** Resolves when every scheduled job has settled. */
  idle(): Promise<void>;
};

/**
 * ```ts
 * const pacer = createSendPacer();
 * await pacer.schedule('42', () => api.sendMessage(42, 'halo'));
 * ```
 */
export function createSendPacer(opts: Partial<PacerOptions> = {}): SendPacer {
  const o = { ...defaultPacerOptions, ...opts };
  // The overall limit is spread evenly (capacity 1): no second ever carries more than the rate.
  const global: Bucket = { tokens: 1, at: o.now() };
  const buckets = new Map<string, Bucket>();
  const order = createKeyedChain();
  // Global tokens are handed out first come, first served (one chain), so no chat starves.
  let globalTail: Promise<void> = Promise.resolve();
  const takeGlobal = () => {
    const turn = globalTail.then(() => take(global, o.globalPerSecond, 1));
    globalTail = turn.catch(() => undefined);
    return turn;
  };

  const refill = (b: Bucket, perSecond: number, cap: number) => {
    const t = o.now();
    b.tokens = Math.min(cap, b.tokens + ((t - b.at) / 1000) * perSecond);
    b.at = t;
  };
  const take = async (b: Bucket, perSecond: number, cap: number) => {
    refill(b, perSecond, cap);
    while (b.tokens < 1) {
      await o.sleep(Math.ceil(((1 - b.tokens) / perSecond) * 1000));
      refill(b, perSecond, cap);
    }
    b.tokens -= 1;
  };

  return {
    schedule(chatId, job) {
      return order.run(chatId, async () => {
        let bucket = buckets.get(chatId);
        if (!bucket) {
          bucket = { tokens: o.perChatBurst, at: o.now() };
          buckets.set(chatId, bucket);
        }
        await take(bucket, o.perChatPerSecond, o.perChatBurst);
        await takeGlobal();
        try {
          return await job();
        } finally {
          // Forget chats whose bucket has refilled, so the map does not grow with every reporter.
          if (buckets.size > 1000) {
            for (const [id, b] of buckets) {
              refill(b, o.perChatPerSecond, o.perChatBurst);
              if (b.tokens >= o.perChatBurst && id !== chatId) buckets.delete(id);
            }
          }
        }
      });
    },
    idle: () => order.idle(),
  };
}
