import { readFileSync } from 'node:fs';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { toInbound } from '../../../../src/channels/telegram/to-inbound.js';
import { inboundSchema } from '../../../../src/messages.js';

type Case = { description: string; update: Update; expected: unknown };
const cases = JSON.parse(readFileSync(new URL('../../../fixtures/telegram/to-inbound.json', import.meta.url), 'utf8')) as Case[];

describe('telegram toInbound', () => {
  it.each(cases.map((c) => [c.description, c] as const))('%s', (_d, c) => {
    const got = toInbound(c.update, 1000);
    expect(got).toEqual(c.expected);
    if (got?.kind === 'ready') expect(inboundSchema.safeParse(got.inbound).success).toBe(true);
  });
});
