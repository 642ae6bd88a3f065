/**
 * `npm run bench:triage`: time to normalise, extract identifiers from and score 60 KB of text —
 * a realistic long message (the tuning corpus glued together) and adversarial ones that made the
 * old passes quadratic. Target (issue #13): < 50 ms per 60 KB. Not part of `npm test`.
 */
import { readFileSync } from 'node:fs';
import { extractIdentifiers } from '../../src/triage/identifiers.js';
import { tokenise } from '../../src/triage/normalise.js';
import { scanText } from '../../src/triage/score.js';

const SIZE = 60_000;
const corpus = (JSON.parse(readFileSync(new URL('../fixtures/triage/tuning.json', import.meta.url), 'utf8')) as Array<{ text: string }>)
  .map((t) => t.text)
  .join('\n');

const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
const inputs: Array<[string, string]> = [
  ['realistic (tuning corpus)', fill(`${corpus}\n`)],
  ['one 60 KB word', fill('a')],
  ['agency names', fill('PT Abc ')],
  ['bank accounts', fill('BRI 12345678 ')],
  ['emails and numbers', fill('a@b.co 0812345678 ')],
  ['near rules', fill('besok berangkat ')],
  ['negations and threats', fill('kalau tidak mau dipukul ')],
];

/** Median CPU time (user + system, ms) of `n` runs: on a shared machine wall time mostly measures the neighbours. */
function median(run: () => void, n = 9): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.cpuUsage();
    run();
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)];
}

console.log(`triage on ${SIZE / 1000} KB (median CPU ms of 9 runs; target < 50 for normalise + identifiers)`);
console.log(`${'input'.padEnd(28)}${'tokenise'.padStart(10)}${'identifiers'.padStart(13)}${'scanText'.padStart(10)}`);
for (const [name, text] of inputs) {
  tokenise(text);
  extractIdentifiers(text);
  scanText(text);
  const a = median(() => tokenise(text));
  const b = median(() => extractIdentifiers(text));
  const c = median(() => scanText(text));
  console.log(`${name.padEnd(28)}${a.toFixed(1).padStart(10)}${b.toFixed(1).padStart(13)}${c.toFixed(1).padStart(10)}`);
}
