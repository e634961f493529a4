// Which lab a command checks: --lab DIR, else the config file's `lab`, else the built-in one. It is
// activated here, once, before the config is validated (its exercises and check ids come from it).
import path from 'node:path';
import type { Lang } from '../model.js';
import { configuredLab } from '../config/load.js';
import { activateLab, type LabDef } from '../lab/active.js';
import { LabError } from '../lab/load.js';
import { textIn } from '../lab/types.js';
import { t } from '../i18n/index.js';

/** The active lab, or the message to print (exit status 2) when it cannot be used. */
export async function chooseLab(flag: string | undefined, configFile: string | undefined, lang: Lang): Promise<LabDef | string> {
  try {
    return await activateLab(flag ?? (await configuredLab({ file: configFile })));
  } catch (e) {
    if (e instanceof LabError) return e.render(lang);
    throw e;
  }
}

/** « TP : name (folder) »: which lab answers (a config's `lab` key chooses it silently otherwise). */
export function labLine(lab: LabDef, lang: Lang): string {
  return t(lang, 'cli.lab.using', { name: lab.name === undefined ? path.basename(lab.dir) : textIn(lab.name, lang), dir: lab.dir });
}
