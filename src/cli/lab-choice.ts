// Which lab a command checks: --lab DIR, else the config file's `lab`, else the built-in one. It is
// activated here, once, before the config is validated (its exercises and check ids come from it).
import path from 'node:path';
import type { Lang } from '../model.js';
import { configuredLab } from '../config/load.js';
import { activateLab, type LabDef } from '../lab/active.js';
import { LabError } from '../lab/load.js';

/** The active lab, or the message to print (exit status 2) when it cannot be used. */
export async function chooseLab(flag: string | undefined, configFile: string | undefined, lang: Lang): Promise<LabDef | string> {
  try {
    return await activateLab(flag ?? (await configuredLab({ file: configFile })));
  } catch (e) {
    if (e instanceof LabError) return e.render(lang);
    throw e;
  }
}

/** The lab's name in `lang` (its folder's name when it has none). */
export function labName(lab: LabDef, lang: Lang): string {
  const n = lab.name;
  if (n === undefined) return path.basename(lab.dir);
  return typeof n === 'string' ? n : lang === 'en' ? n.en ?? n.fr : n.fr;
}
