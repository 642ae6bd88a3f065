/**
 * The explicit list of flows and the per-locale catalogs. Validated at boot (`validateFlowSet`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog, FlowSet } from '../src/engine/types.js';
import { projectRoot } from '../src/paths.js';
import checkAd from './check-ad.flow.js';
import checkAgency from './check-agency.flow.js';
import emergency from './emergency.flow.js';
import helpContacts from './help-contacts.flow.js';
import language from './language.flow.js';
import learn from './learn.flow.js';
import menu from './menu.flow.js';
import report from './report.flow.js';
import status from './status.flow.js';

export const flows = [menu, report, checkAgency, checkAd, learn, status, helpContacts, language, emergency];

/** Beside this module (source, or a build that copied them), else `flows/locales` under the project root. */
function localesDir(): string {
  const beside = fileURLToPath(new URL('./locales', import.meta.url));
  return existsSync(join(beside, 'id.json')) ? beside : join(projectRoot, 'flows', 'locales');
}

/**
 * One locale's catalog: `locales/<locale>.json` plus every `locales/<locale>/*.json` (one file per
 * area, so content can be edited and reviewed apart). A key defined twice stops the boot.
 */
function loadCatalog(locale: string): Catalog {
  const dir = localesDir();
  const files = [join(dir, `${locale}.json`)];
  const areaDir = join(dir, locale);
  if (existsSync(areaDir)) {
    for (const f of readdirSync(areaDir).filter((n) => n.endsWith('.json')).sort()) files.push(join(areaDir, f));
  }
  const catalog: Catalog = {};
  for (const file of files) {
    const part = JSON.parse(readFileSync(file, 'utf8')) as Catalog;
    for (const [key, text] of Object.entries(part)) {
      if (key in catalog) throw new Error(`catalog ${locale}: key "${key}" defined twice (${file})`);
      catalog[key] = text;
    }
  }
  return catalog;
}

/** Words that work at every step (compared after folding case, spaces and punctuation). */
export const globals = {
  menu: ['menu', 'batal', 'cancel', 'kembali', 'back'],
  language: ['bahasa', 'language', 'english', 'inggris', 'indonesia'],
  help: ['bantuan', 'help', '?'],
  status: ['status', 'cek status'],
};

/** Build the flow set the engine runs. */
export function loadFlowSet(): FlowSet {
  return {
    flows: Object.fromEntries(flows.map((f) => [f.id, f])),
    catalogs: { id: loadCatalog('id'), en: loadCatalog('en') },
    globals,
  };
}
