/**
 * In-memory trigram postings over the registry's normalised names and licence numbers, kept
 * beside the FTS5 table `agencies_fts` (which stays the persistent index and the fallback).
 *
 * Why: reading FTS5 postings through SQL (one statement per trigram, then the candidates' keys
 * through a JSON id list) was about half of each search's time on 100,000 agencies, and its
 * page reads made the tail slow. Here a posting list is a slice of one Int32Array, and the
 * candidates' names are plain strings, so counting and re-ranking need no SQL at all.
 *
 * Agencies are addressed by a dense index (0..size-1), not by rowid, so per-query counters are
 * small typed arrays; `ids[i]` gives the rowid back for the final rows.
 */

/** Trigram → posting list (ascending dense indexes), in compressed-sparse-row layout. */
export type Postings = {
  /** Trigram → slot; slot `s` owns `docs[offsets[s] .. offsets[s + 1])`. */
  slots: Map<string, number>;
  offsets: Int32Array;
  docs: Int32Array;
};

export type TrigramIndex = {
  size: number;
  /** Rowid of each dense index. */
  ids: Int32Array;
  /** `agencies.name_norm` of each dense index. */
  names: string[];
  /** `agencies.license_norm` of each dense index. */
  licenses: string[];
  /** Trigrams of the whole normalised name, spaces included (as FTS5's trigram tokenizer sees it). */
  name: Postings;
  /** Trigrams of the lower-cased normalised licence (FTS5's trigram tokenizer folds case). */
  license: Postings;
};

const EMPTY = new Int32Array(0);

/**
 * Posting lists for `texts` in two passes (count, then fill), so each trigram's list is one
 * contiguous, already sorted slice and nothing is allocated per trigram beyond its slot number.
 * A trigram repeated inside one text is posted once, as FTS5 counts documents.
 */
function buildPostings(texts: string[]): Postings {
  let upper = 0;
  for (const t of texts) upper += Math.max(0, t.length - 2);
  const slots = new Map<string, number>();
  let counts = new Int32Array(4096);
  let lastDoc = new Int32Array(4096).fill(-1);
  // Slot of every posting in document order; `docEnd[d]` is where document d's run ends.
  const seq = new Int32Array(upper);
  const docEnd = new Int32Array(texts.length);
  let n = 0;
  for (let d = 0; d < texts.length; d++) {
    const t = texts[d];
    for (let i = 0; i + 3 <= t.length; i++) {
      const tri = t.slice(i, i + 3);
      let slot = slots.get(tri);
      if (slot === undefined) {
        slot = slots.size;
        slots.set(tri, slot);
        if (slot >= counts.length) {
          const c = new Int32Array(counts.length * 2);
          c.set(counts);
          counts = c;
          const l = new Int32Array(lastDoc.length * 2).fill(-1);
          l.set(lastDoc);
          lastDoc = l;
        }
      }
      if (lastDoc[slot] === d) continue;
      lastDoc[slot] = d;
      counts[slot]++;
      seq[n++] = slot;
    }
    docEnd[d] = n;
  }
  const offsets = new Int32Array(slots.size + 1);
  for (let s = 0; s < slots.size; s++) offsets[s + 1] = offsets[s] + counts[s];
  const fill = offsets.slice(0, slots.size);
  const docs = new Int32Array(n);
  let k = 0;
  for (let d = 0; d < texts.length; d++) {
    for (; k < docEnd[d]; k++) docs[fill[seq[k]]++] = d;
  }
  return { slots, offsets, docs };
}

/** The posting list of `trigram` (empty when no agency has it); a view, not a copy. */
export function postingsOf(p: Postings, trigram: string): Int32Array {
  const slot = p.slots.get(trigram);
  return slot === undefined ? EMPTY : p.docs.subarray(p.offsets[slot], p.offsets[slot + 1]);
}

/** Document frequency of `trigram`: how many agencies have it. */
export function frequencyOf(p: Postings, trigram: string): number {
  const slot = p.slots.get(trigram);
  return slot === undefined ? 0 : p.offsets[slot + 1] - p.offsets[slot];
}

/** Builds the index from `agencies` rows (rowid, name_norm, license_norm). */
export function buildTrigramIndex(rows: Array<[number, string, string]>): TrigramIndex {
  const size = rows.length;
  const ids = new Int32Array(size);
  const names: string[] = new Array(size);
  const licenses: string[] = new Array(size);
  for (let i = 0; i < size; i++) {
    const [id, name, lic] = rows[i];
    ids[i] = id;
    names[i] = name;
    licenses[i] = lic;
  }
  return {
    size,
    ids,
    names,
    licenses,
    name: buildPostings(names),
    license: buildPostings(licenses.map((l) => l.toLowerCase())),
  };
}

/**
 * Rough bytes held by the index (typed arrays exactly; strings and map entries estimated), so
 * the bench and logs can report it without a heap snapshot.
 */
export function indexBytes(ix: TrigramIndex): number {
  const typed = (p: Postings) => p.offsets.byteLength + p.docs.byteLength + p.slots.size * 48;
  let strings = 0;
  for (let i = 0; i < ix.size; i++) strings += 2 * 16 + ix.names[i].length + ix.licenses[i].length;
  return ix.ids.byteLength + typed(ix.name) + typed(ix.license) + strings + ix.size * 16;
}
