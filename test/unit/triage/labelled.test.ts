import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreTip } from '../../../src/triage/score.js';

interface Labelled {
  text: string;
  answers?: Record<string, string>;
  urgent: boolean;
  note?: string;
}

const rows: Labelled[] = JSON.parse(
  readFileSync(new URL('../../fixtures/triage-labelled.json', import.meta.url), 'utf8'),
);

describe('triage on the labelled set', () => {
  it('has enough varied examples to mean something', () => {
    expect(rows.length).toBeGreaterThanOrEqual(120);
    expect(rows.filter((r) => r.urgent).length).toBeGreaterThanOrEqual(40);
    expect(rows.filter((r) => !r.urgent).length).toBeGreaterThanOrEqual(40);
  });

  it('keeps recall >= 0.95 and precision >= 0.85 for "urgent"', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const misses: string[] = [];
    for (const r of rows) {
      const res = scoreTip({ answers: r.answers ?? {}, texts: r.text ? [r.text] : [] });
      const predicted = res.urgency === 'urgent';
      if (predicted && r.urgent) tp++;
      else if (predicted) {
        fp++;
        misses.push(`FP ${res.score} [${res.reasons.join(',')}] ${r.text}`);
      } else if (r.urgent) {
        fn++;
        misses.push(`FN ${res.score} [${res.reasons.join(',')}] ${r.text}`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(`triage: precision=${precision.toFixed(2)} recall=${recall.toFixed(2)} n=${rows.length}`);
    if (misses.length > 0) console.log(misses.join('\n'));
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.85);
  });
});
