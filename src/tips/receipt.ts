/**
 * Receipt codes: the reporter's secret for following a case. 12 Crockford base32 symbols
 * = 60 bits of entropy, shown grouped (`7K3F-Q9XM-2HDA`). Only a keyed hash is stored.
 */
import { createHmac, randomInt } from 'node:crypto';
import { CROCKFORD_ALPHABET, groupReceipt, RECEIPT_SYMBOLS } from '../engine/text.js';

export { normaliseReceipt } from '../engine/text.js';

/** A new random receipt, grouped in fours (5 bits × 12 symbols = 60 bits). */
export function newReceipt(): string {
  let s = '';
  for (let i = 0; i < RECEIPT_SYMBOLS; i++) s += CROCKFORD_ALPHABET[randomInt(32)];
  return groupReceipt(s);
}

/** Keyed hash of a normalised receipt: a stolen database cannot be brute-forced offline. */
export function hashReceipt(secret: string, normalised: string): string {
  return createHmac('sha256', secret).update(`receipt:${normalised}`).digest('hex');
}
