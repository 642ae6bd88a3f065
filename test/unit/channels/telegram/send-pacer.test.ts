import { describe, expect, it } from 'vitest';
import { createSendPacer } from '../../../../src/pacing/send-pacer.js';

/** A fake clock: `sleep` advances time instead of waiting. */
function fakeTime() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

describe('send pacer', () => {
  it('lets a burst through per chat, then about one message per second, in order', async () => {
    const clock = fakeTime();
    const pacer = createSendPacer({ ...clock, perChatBurst: 3, perChatPerSecond: 1, globalPerSecond: 30 });
    const order: Array<[number, number]> = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => pacer.schedule('42', async () => order.push([i, clock.now()]))));
    expect(order.map(([i]) => i)).toEqual([0, 1, 2, 3, 4]);
    const times = order.map(([, t]) => t);
    // The burst goes out at once (spaced only by the global 30/s), then one per second.
    expect(times[2]).toBeLessThan(100);
    expect(times[3]).toBeGreaterThanOrEqual(1000);
    expect(times[4]! - times[3]!).toBeGreaterThanOrEqual(1000);
  });

  it('keeps the overall rate under the global limit across chats', async () => {
    const clock = fakeTime();
    const pacer = createSendPacer({ ...clock, perChatBurst: 5, perChatPerSecond: 1, globalPerSecond: 30 });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 60 }, (_, i) => pacer.schedule(String(i), async () => times.push(clock.now()))));
    const inFirstSecond = times.filter((t) => t < 1000).length;
    expect(inFirstSecond).toBeLessThanOrEqual(30);
    expect(Math.max(...times)).toBeLessThan(2100);
    expect(times).toHaveLength(60);
  });

  it('a failed send does not block the next one for that chat', async () => {
    const pacer = createSendPacer(fakeTime());
    await expect(pacer.schedule('1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(pacer.schedule('1', async () => 'ok')).resolves.toBe('ok');
    await pacer.idle();
  });
});
