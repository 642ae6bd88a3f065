/**
 * Where the project's data files (migrations, flow catalogs) live, whether the code runs from
 * `src/` under tsx or from `dist/src/` after `npm run build`: the nearest folder holding
 * `package.json`, walking up from this module.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walk up from `start` to the first folder containing `marker`; throws if there is none. */
export function findUp(start: string, marker: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, marker))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no ${marker} found above ${start}`);
    dir = parent;
  }
}

/** The project root (the folder with `package.json`): `/app` in the container, the clone otherwise. */
export const projectRoot: string = findUp(dirname(fileURLToPath(import.meta.url)), 'package.json');
