/**
 * Replace the text between two HTML comment markers in README.md (the benchmark tables that
 * `npm run bench -- --write-readme` and `npm run bench:scaling -- --write-readme` rewrite).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeReadmeSection(root: string, name: string, table: string): void {
  const path = join(root, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} markers`);
  writeFileSync(path, `${readme.slice(0, a + start.length)}\n${table}\n${readme.slice(b)}`);
  process.stderr.write(`README.md ${name} table replaced\n`);
}
