/**
 * The rooms of src/ (alerts, officers, channels, tips, …) depend on each other in one direction
 * only: a cycle between rooms means two owners of one concern, or a room reaching into another's
 * internals. This test reads every import (type imports too) and fails on any cycle, naming it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** The room a file belongs to: its top folder under src/, or the root file itself (app.ts, config.ts…). */
function roomOf(path: string): string | null {
  const rel = relative(SRC, path);
  if (rel.startsWith('..')) return null; // outside src/ (flows/, node_modules)
  const [first, ...rest] = rel.split(/[\\/]/);
  return rest.length ? first : first.replace(/\.(ts|js|mjs)$/, '');
}

/** Relative import specifiers: `import … from`, `export … from`, `import('…')`, side-effect imports. */
function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of source.matchAll(re)) out.push(m[1]);
  return out;
}

/** Room → room edges, each with one example import for the failure message. */
function roomGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const from = roomOf(file);
    if (!from) continue;
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const to = roomOf(resolve(dirname(file), spec));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${relative(SRC, file)} → ${spec}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Strongly connected components with more than one room (Tarjan). */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('rooms of src/', () => {
  it('finds imports of every shape', () => {
    const src = [
      "import { a } from '../alerts/outbox.js';",
      "import type { B } from '../officers/auth.js';",
      "export { c } from '../tips/receipt.js';",
      "const d = await import('../channels/x.js');",
      "import '../storage/db.js';",
      "import fp from 'fastify-plugin';",
    ].join('\n');
    expect(importsOf(src)).toEqual(['../alerts/outbox.js', '../officers/auth.js', '../tips/receipt.js', '../channels/x.js', '../storage/db.js']);
    expect(cycles(new Map([['a', new Map([['b', 'x']])], ['b', new Map([['a', 'y']])]]))).toEqual([['a', 'b']]);
  });

  it('import each other in one direction only (no cycle between rooms)', () => {
    const graph = roomGraph();
    expect(graph.get('app')?.size).toBeGreaterThan(5); // the reader sees the real wiring
    const found = cycles(graph).map((scc) =>
      scc.flatMap((from) => scc.filter((to) => graph.get(from)?.has(to)).map((to) => `${from} → ${to} (${graph.get(from)?.get(to)})`)),
    );
    expect(found).toEqual([]);
  });
});
