/**
 * One queue per key (a sender, a chat): tasks with the same key run strictly one after another in
 * the order they were given, tasks with different keys run side by side. A failed task does not
 * stop the ones after it. Idle keys are forgotten, so the map does not grow with every reporter.
 * The conversation runtime (one turn at a time per sender), the WhatsApp intake (one message at a
 * time per chat) and the Telegram send pacer (sends to one chat in order) all use it.
 */

export type KeyedChain = {
  /** Run `task` after every earlier task of `key` has settled; resolves or rejects with it. */
  run<T>(key: string, task: () => T | Promise<T>): Promise<T>;
  /** Resolves when every task given so far (and any given meanwhile) has settled. */
  idle(): Promise<void>;
  /** How many keys have work queued or running. */
  readonly size: number;
};

/**
 * ```ts
 * const chain = createKeyedChain();
 * await chain.run('telegram:42', () => handleTurn(inbound));
 * ```
 */
export function createKeyedChain(): KeyedChain {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => T | Promise<T>): Promise<T> {
      const prev = tails.get(key) ?? Promise.resolve();
      const run = prev.then(task);
      const settled = run.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, settled);
      void settled.then(() => {
        if (tails.get(key) === settled) tails.delete(key);
      });
      return run;
    },
    async idle() {
      while (tails.size > 0) await Promise.all([...tails.values()]);
    },
    get size() {
      return tails.size;
    },
  };
}
