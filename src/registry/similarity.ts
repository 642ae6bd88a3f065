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
 * With `max`, gives up as soon as the distance is sure to exceed it and returns `max + 1`: the
 * re-ranking only needs a distance when it is small enough to change the answer.
 *
 * ```ts
 * editDistance('jaya', 'jyaa'); // 1 (one transposition)
 * ```
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows (i-2, i-1, i), reused across calls: this runs for every candidate.
  if (rows[0].length <= m) for (let k = 0; k < 3; k++) rows[k] = new Int32Array(m + 1);
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const ai1 = i > 1 ? a.charCodeAt(i - 2) : -1;
    let bj1 = -1;
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ai === bj ? 0 : 1);
      const del = prev[j] + 1;
      if (del < v) v = del;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      if (ai === bj1 && ai1 === bj && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
      bj1 = bj;
    }
    // A row's cells come from the previous row, its own left cell, or two rows up plus one, so
    // once two consecutive rows are all above `max`, every later row is too.
    if (rowMin > max && prevMin > max) return max + 1;
    prevMin = rowMin;
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
 * `stringSimilarity` when only scores of at least `atLeast` matter: exact from there up, and 0
 * below (the alignment stops as soon as the score is sure to be lower).
 */
export function stringSimilarityAtLeast(a: string, b: string, atLeast: number): number {
  const len = Math.max(a.length, b.length);
  if (len === 0) return 1;
  // Largest distance still scoring `atLeast` (rounded up a hair: a larger limit only costs time).
  const max = Math.floor(len * (1 - atLeast) + 1e-9);
  const d = editDistance(a, b, max);
  return d > max ? 0 : 1 - d / len;
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
  return createNameScorer(q)(c);
}

/**
 * `nameSimilarity` against one query for many candidates, as the registry search re-ranks them.
 * Candidate names share their words heavily ("jaya", "abadi"), so each candidate word's
 * similarities to the query's words are computed once per query.
 *
 * `atLeast` lets a caller that will drop any score below it skip work: when the exact score is
 * surely below `atLeast`, a lower bound of it (still below `atLeast`) is returned instead.
 * Scores at or above `atLeast` are always exact.
 *
 * ```ts
 * const score = createNameScorer('maju jyaa abadi');
 * score('maju jaya abadi'); // ≈ 0.92
 * ```
 */
export function createNameScorer(q: string): (c: string, atLeast?: number) => number {
  const qt = q.split(' ').filter(Boolean);
  const qj = qt.join('');
  let qTotal = 0;
  for (const w of qt) qTotal += weight(w);
  // Candidate word → its similarity to each query word (0 where too different to align).
  const cache = new Map<string, Float64Array>();
  const wordScores = (c0: string): Float64Array => {
    let out = cache.get(c0);
    if (out) return out;
    out = new Float64Array(qt.length);
    for (let i = 0; i < qt.length; i++) {
      const q0 = qt[i];
      if (similarityBound(q0, c0) < MIN_WORD_SIMILARITY && !c0.startsWith(q0)) continue;
      const s = wordSimilarity(q0, c0);
      if (s >= MIN_WORD_SIMILARITY) out[i] = s;
    }
    cache.set(c0, out);
    return out;
  };

  return (c: string, atLeast = 0): number => {
    if (q === c) return 1;
    const ct = c.split(' ').filter(Boolean);
    if (qt.length === 0 || ct.length === 0) return 0;
    const pairs: Array<{ i: number; j: number; s: number }> = [];
    const scores = ct.map(wordScores);
    // Same order as before caching (query word outer, candidate word inner): the sort is
    // stable, so equal pairs align the same way.
    for (let i = 0; i < qt.length; i++) {
      for (let j = 0; j < ct.length; j++) {
        const s = scores[j][i];
        if (s > 0) pairs.push({ i, j, s });
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
    let total = qTotal;
    for (const w of ct) total += weight(w);
    const tokenScore = matched / total;
    const cj = ct.join('');
    // The whole-string comparison is the costly part; skip it when it cannot win, or cannot
    // reach `atLeast`, and stop its alignment once the distance is too large to matter.
    const bound = similarityBound(qj, cj) * JOINED_WEIGHT;
    if (bound <= tokenScore || bound < atLeast) return tokenScore;
    const len = Math.max(qj.length, cj.length);
    const need = Math.max(tokenScore, atLeast);
    // Largest distance whose score reaches `need` (rounded up a hair: a larger limit only costs time).
    const max = Math.floor(len * (1 - need / JOINED_WEIGHT) + 1e-9);
    const d = editDistance(qj, cj, max);
    if (d > max) return tokenScore;
    return Math.max(tokenScore, (1 - d / len) * JOINED_WEIGHT);
  };
}
