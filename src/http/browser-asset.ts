/**
 * Browser code (the web chat page, the officers' dashboard) lives in real `.js`/`.css` files under
 * a room's `browser/` folder, where tsc (`tsconfig.browser.json`) and Biome read them. The pages
 * inline them under the response's CSP nonce, so a page stays one request on a slow network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../paths.js';

/**
 * Read a browser file once, at module load: beside the calling module (source under tsx, or a
 * build that copied `browser/` next to the compiled module, as the Dockerfile does), else from the
 * source tree under the project root. Comment-only lines and indentation are dropped, so the
 * documentation in the file costs the phone nothing.
 *
 * ```ts
 * const JS = readBrowserAsset(import.meta.url, 'src/channels/web', 'browser/chat-page.js');
 * ```
 */
export function readBrowserAsset(moduleUrl: string, roomDir: string, file: string): string {
  const beside = fileURLToPath(new URL(file, moduleUrl));
  const path = existsSync(beside) ? beside : join(projectRoot, roomDir, file);
  return compactAsset(readFileSync(path, 'utf8'));
}

/**
 * Drop whole-line comments (`// …`, and `/* … *\/` blocks that start a line) and leading
 * indentation. Conservative by design: code and strings on a line are never touched, so the
 * result behaves exactly like the file.
 */
export function compactAsset(source: string): string {
  const out: string[] = [];
  let inBlock = false;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (inBlock) {
      if (line.includes('*/')) {
        inBlock = false;
        const rest = line.slice(line.indexOf('*/') + 2).trim();
        if (rest) out.push(rest);
      }
      continue;
    }
    if (line === '' || line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end === -1) {
        inBlock = true;
        continue;
      }
      const rest = line.slice(end + 2).trim();
      if (rest) out.push(rest);
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}
