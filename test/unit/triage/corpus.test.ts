/**
 * Triage quality on the labelled corpora (test/fixtures/triage/): `tuning.json`, `tuning-2.json`,
 * `tuning-3.json`, `tuning-4.json`, `tuning-5.json`, `tuning-6.json`, `tuning-7.json`, `tuning-8.json`,
 * `tuning-9.json` and `tuning-10.json` (later batches in wordings the first lacks, the last six written
 * blind by other writers; each scored once before tuning on it), which the
 * lexicon was tuned on, and `frozen-eval.json`, written independently and never looked at while tuning.
 * Prints overall urgent precision/recall and per-indicator detection precision/recall for each
 * file present, and fails below recall 0.95 or precision 0.85 for "urgent" on each part, the frozen
 * one included (issue #13's target).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INDICATORS } from '../../../src/triage/indicators.js';
import { scoreTip } from '../../../src/triage/score.js';

const MIN_RECALL = 0.95;
const MIN_PRECISION = 0.85;
/**
 * The frozen split is gated by the same target. History of its figures (each measured once, after a
 * round of tuning on blind batches, never tuned on; README "Triage"): recall/precision 0.899/0.899,
 * then 0.933/0.895 (tuning-2..4), 0.933/0.888 (tuning-5..6), 0.9496/0.890 (tuning-7..8, 113/119, just
 * under), 0.958/0.898 (tuning-9..10, 114/119). Five looks at one split are themselves a mild
 * selection: the honest figure for new text is the first-sight one of each blind batch (README).
 */
const VARIETIES = ['formal', 'sms', 'pontianak', 'sambas', 'sarawak', 'english', 'mixed'] as const;

const Item = z.object({
  text: z.string(),
  urgent: z.boolean(),
  indicators: z.array(z.enum(INDICATORS)),
  variety: z.enum(VARIETIES),
  answers: z.record(z.string(), z.unknown()).optional(),
});
/** A bare array of items, or an object that carries a note ("frozen, never tuned on") and `items`. */
const Corpus = z.union([z.array(Item), z.object({ items: z.array(Item) }).transform((o) => o.items)]);
type Item = z.infer<typeof Item>;

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : a / b);
const precision = (c: Counts): number => ratio(c.tp, c.tp + c.fp);
const recall = (c: Counts): number => ratio(c.tp, c.tp + c.fn);
const fmt = (x: number): string => (Number.isNaN(x) ? '  —  ' : x.toFixed(3));

function evaluate(items: Item[]) {
  const urgent: Counts = { tp: 0, fp: 0, fn: 0 };
  const perIndicator = new Map<string, Counts>(INDICATORS.map((i) => [i, { tp: 0, fp: 0, fn: 0 }]));
  const perVariety = new Map<string, Counts>(VARIETIES.map((v) => [v, { tp: 0, fp: 0, fn: 0 }]));
  const misses: string[] = [];
  for (const item of items) {
    const r = scoreTip({ answers: item.answers ?? {}, texts: [item.text] });
    const predicted = r.urgency === 'urgent';
    const v = perVariety.get(item.variety)!;
    for (const c of [urgent, v]) {
      if (predicted && item.urgent) c.tp++;
      else if (predicted) c.fp++;
      else if (item.urgent) c.fn++;
    }
    if (predicted !== item.urgent) misses.push(`${predicted ? 'FP' : 'FN'} ${r.score} [${r.reasons.join(',')}] ${item.text}`);
    for (const id of INDICATORS) {
      const gold = item.indicators.includes(id);
      const found = r.indicators.includes(id);
      const c = perIndicator.get(id)!;
      if (gold && found) c.tp++;
      else if (found) c.fp++;
      else if (gold) c.fn++;
    }
  }
  return { urgent, perIndicator, perVariety, misses };
}

function table(name: string, items: Item[], e: ReturnType<typeof evaluate>, showMisses: boolean): string {
  const rows = [
    `\n=== triage on ${name}: ${items.length} tips, ${items.filter((i) => i.urgent).length} urgent ===`,
    `urgent      precision ${fmt(precision(e.urgent))}   recall ${fmt(recall(e.urgent))}   (tp ${e.urgent.tp}, fp ${e.urgent.fp}, fn ${e.urgent.fn})`,
    '',
    `${'indicator'.padEnd(26)} ${'labelled'.padStart(8)}  precision  recall`,
  ];
  for (const [id, c] of e.perIndicator) {
    rows.push(`${id.padEnd(26)} ${String(c.tp + c.fn).padStart(8)}  ${fmt(precision(c)).padStart(9)}  ${fmt(recall(c)).padStart(6)}`);
  }
  rows.push('', `${'variety'.padEnd(26)} ${'tips'.padStart(8)}  precision  recall (urgent)`);
  for (const [v, c] of e.perVariety) {
    const n = items.filter((i) => i.variety === v).length;
    rows.push(`${v.padEnd(26)} ${String(n).padStart(8)}  ${fmt(precision(c)).padStart(9)}  ${fmt(recall(c)).padStart(6)}`);
  }
  // The frozen split's texts are never printed: whoever tunes the lexicon must not see them.
  if (showMisses && e.misses.length > 0) rows.push('', 'misses:', ...e.misses.map((m) => `  ${m}`));
  if (!showMisses) rows.push('', `(${e.misses.length} misses, texts not shown: this split is frozen)`);
  return rows.join('\n');
}

const FILES = [
  { name: 'tuning.json', url: new URL('../../fixtures/triage/tuning.json', import.meta.url) },
  { name: 'tuning-2.json', url: new URL('../../fixtures/triage/tuning-2.json', import.meta.url) },
  { name: 'tuning-3.json', url: new URL('../../fixtures/triage/tuning-3.json', import.meta.url) },
  { name: 'tuning-4.json', url: new URL('../../fixtures/triage/tuning-4.json', import.meta.url) },
  { name: 'tuning-5.json', url: new URL('../../fixtures/triage/tuning-5.json', import.meta.url) },
  { name: 'tuning-6.json', url: new URL('../../fixtures/triage/tuning-6.json', import.meta.url) },
  { name: 'tuning-7.json', url: new URL('../../fixtures/triage/tuning-7.json', import.meta.url) },
  { name: 'tuning-8.json', url: new URL('../../fixtures/triage/tuning-8.json', import.meta.url) },
  { name: 'tuning-9.json', url: new URL('../../fixtures/triage/tuning-9.json', import.meta.url) },
  { name: 'tuning-10.json', url: new URL('../../fixtures/triage/tuning-10.json', import.meta.url) },
  { name: 'frozen-eval.json', url: new URL('../../fixtures/triage/frozen-eval.json', import.meta.url) },
];

describe('triage quality on the labelled corpora', () => {
  for (const file of FILES) {
    if (!existsSync(file.url)) {
      it(`${file.name} is absent`, () => {
        console.log(`\n!!! NOTICE: test/fixtures/triage/${file.name} is not present — no figures for it. !!!\n`);
        expect(file.name).toBe('frozen-eval.json'); // only the frozen split may be missing
      });
      continue;
    }
    const items = Corpus.parse(JSON.parse(readFileSync(file.url, 'utf8')));
    const e = evaluate(items);

    const frozen = file.name === 'frozen-eval.json';
    const floor = { recall: MIN_RECALL, precision: MIN_PRECISION };
    it(`${file.name}: urgent recall >= ${floor.recall} and precision >= ${floor.precision}`, () => {
      console.log(table(file.name, items, e, !frozen));
      if (frozen && (recall(e.urgent) < MIN_RECALL || precision(e.urgent) < MIN_PRECISION)) {
        console.log(`\n!!! TARGET NOT MET on the frozen split: urgent recall ${recall(e.urgent).toFixed(4)} (${e.urgent.tp}/${e.urgent.tp + e.urgent.fn}) (target ${MIN_RECALL}), precision ${precision(e.urgent).toFixed(3)} (target ${MIN_PRECISION}) !!!\n`);
      }
      expect(items.filter((i) => i.urgent).length).toBeGreaterThan(0);
      expect(recall(e.urgent)).toBeGreaterThanOrEqual(floor.recall);
      expect(precision(e.urgent)).toBeGreaterThanOrEqual(floor.precision);
    });
  }

  it('tuning.json is large and balanced enough to mean something', () => {
    const items = Corpus.parse(JSON.parse(readFileSync(FILES[0].url, 'utf8')));
    expect(items.length).toBeGreaterThanOrEqual(450);
    for (const v of VARIETIES) expect(items.filter((i) => i.variety === v).length, v).toBeGreaterThanOrEqual(25);
    for (const id of INDICATORS) expect(items.filter((i) => i.indicators.includes(id)).length, id).toBeGreaterThanOrEqual(10);
    expect(items.filter((i) => !i.urgent).length).toBeGreaterThanOrEqual(150);
  });

  it('tuning-2.json is a real second batch: 250+ tips, about half urgent, every variety', () => {
    const items = Corpus.parse(JSON.parse(readFileSync(FILES[1].url, 'utf8')));
    expect(items.length).toBeGreaterThanOrEqual(250);
    const share = items.filter((i) => i.urgent).length / items.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
    for (const v of VARIETIES) expect(items.filter((i) => i.variety === v).length, v).toBeGreaterThanOrEqual(10);
  });
});
