/**
 * String similarity for re-ranking registry candidates. Small and dependency-free, because the
 * ranking decides what a worker is told about an agency: it must tolerate typos (one or two
 * edits, swapped letters), missing or extra words and swapped words, and it must never make
 * a longer impostor name equal to a licensed one.
 */

const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal-string-alignment Damerau-Levenshtein distance: insertions, deletions, substitutions
 * and transpositions of adjacent characters each cost 1.
 *
 * ```ts
 * editDistance('jaya', 'jyaa'); // 1 (one transposition)
 * ```
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows (i-2, i-1, i), reused across calls: this runs for every candidate.
  if (rows[0].length <= m) for (let k = 0; k < 3; k++) rows[k] = new Int32Array(m + 1);
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/** 1 − distance / longer length: 1 for equal strings, 0 for nothing in common. */
export function stringSimilarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  if (len === 0) return 1;
  return 1 - editDistance(a, b) / len;
}

/**
 * Similarity of two words. Beyond the edit distance, a word the user abbreviated ("indo" for
 * "indonesia", at least 4 letters) counts as a fairly good match.
 */
export function wordSimilarity(q: string, c: string): number {
  if (q.length >= 4 && c.length > q.length && c.startsWith(q)) return Math.max(stringSimilarity(q, c), 0.8);
  return stringSimilarity(q, c);
}

/** An upper bound of `stringSimilarity(a, b)` from the lengths alone (the distance is at least their difference). */
function similarityBound(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  return len === 0 ? 1 : 1 - Math.abs(a.length - b.length) / len;
}

/** Short words ("dan", "ab") say less about identity than long ones. */
function weight(w: string): number {
  return w.length >= 3 ? 1 : 0.5;
}

/** Whole-string matches count a little less than word-by-word ones. */
const JOINED_WEIGHT = 0.95;

/** Word pairs below this similarity are not aligned: they count as missing words. */
const MIN_WORD_SIMILARITY = 0.5;

/**
 * Token-set similarity of two normalised names (space-separated words), in 0..1.
 * Words are aligned one-to-one, best pairs first (so order does not matter), each pair scoring
 * its word similarity; unaligned words on either side lower the score (Dice-style), so a name
 * one word longer or shorter scores below 1. The whole strings without spaces are compared too,
 * which catches split or merged words ("majujaya" vs "maju jaya").
 *
 * ```ts
 * nameSimilarity('maju jaya abadi', 'abadi maju jaya');             // 1
 * nameSimilarity('maju jaya abadi internasional', 'maju jaya abadi'); // ≈ 0.86
 * ```
 */
export function nameSimilarity(q: string, c: string): number {
  if (q === c) return 1;
  const qt = q.split(' ').filter(Boolean);
  const ct = c.split(' ').filter(Boolean);
  if (qt.length === 0 || ct.length === 0) return 0;
  const pairs: Array<{ i: number; j: number; s: number }> = [];
  for (let i = 0; i < qt.length; i++) {
    for (let j = 0; j < ct.length; j++) {
      const q0 = qt[i];
      const c0 = ct[j];
      if (similarityBound(q0, c0) < MIN_WORD_SIMILARITY && !c0.startsWith(q0)) continue;
      const s = wordSimilarity(q0, c0);
      if (s >= MIN_WORD_SIMILARITY) pairs.push({ i, j, s });
    }
  }
  pairs.sort((x, y) => y.s - x.s);
  const usedQ = new Uint8Array(qt.length);
  const usedC = new Uint8Array(ct.length);
  let matched = 0;
  for (const p of pairs) {
    if (usedQ[p.i] || usedC[p.j]) continue;
    usedQ[p.i] = 1;
    usedC[p.j] = 1;
    matched += p.s * (weight(qt[p.i]) + weight(ct[p.j]));
  }
  let total = 0;
  for (const w of qt) total += weight(w);
  for (const w of ct) total += weight(w);
  const tokenScore = matched / total;
  const qj = qt.join('');
  const cj = ct.join('');
  // The whole-string comparison is the costly part; skip it when it cannot win.
  if (similarityBound(qj, cj) * JOINED_WEIGHT <= tokenScore) return tokenScore;
  return Math.max(tokenScore, stringSimilarity(qj, cj) * JOINED_WEIGHT);
}
