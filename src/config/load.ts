// Reads tp-reseau.config.json (explicit path, or the one in the current folder if any) and validates it.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../model.js';
import type { Config } from './types.js';
import { CONFIG_FILE_NAME, defaultConfig } from './defaults.js';
import { validateConfig } from './validate.js';
import { t } from '../i18n/report-keys.js';
import { describeJsonError } from './json-error.js';

/** A config that cannot be used; `message` lists every problem, one per line, for the teacher. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
    lang: Lang = 'fr',
  ) {
    super([t(lang, 'report.config.title', { file }), ...problems.map((p) => `  - ${p}`)].join('\n'));
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** explicit file (--config); when absent, ./tp-reseau.config.json is used if it exists */
  file?: string;
  cwd?: string;
  lang?: Lang;
  /** command-line overrides, applied after the file (--time-factor, --jobs) */
  overrides?: Partial<Pick<Config, 'timeFactor' | 'jobs' | 'lang'>>;
}

export interface LoadedConfig {
  config: Config;
  /** the file read, or undefined when the defaults were used */
  file?: string;
}

export async function loadConfig(opts: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const lang = opts.lang ?? 'fr';
  const cwd = opts.cwd ?? process.cwd();
  let file = opts.file ? path.resolve(cwd, opts.file) : path.join(cwd, CONFIG_FILE_NAME);
  let config: Config;
  if (!opts.file && !existsSync(file)) {
    config = defaultConfig();
    file = '';
  } else {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const detail = code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' ? t(lang, `report.config.file.${code}`) : (e as Error).message;
      throw new ConfigError(file, [t(lang, 'report.config.readError', { file, detail })], lang);
    }
    let raw: unknown;
    const json = text.replace(/^\uFEFF/, ''); // editors on Windows add a BOM
    try {
      raw = JSON.parse(json);
    } catch (e) {
      throw new ConfigError(file, [describeJsonError(json, e as Error, lang)], lang);
    }
    const result = validateConfig(raw, lang);
    if (result.errors.length > 0) throw new ConfigError(file, result.errors, lang);
    config = result.config;
  }
  const o = opts.overrides ?? {};
  if (o.timeFactor !== undefined) config.timeFactor = o.timeFactor;
  if (o.jobs !== undefined) config.jobs = o.jobs;
  if (o.lang !== undefined) config.lang = o.lang;
  return { config, file: file || undefined };
}

/**
 * The lab named by the config file's `lab` key, as an absolute folder (relative to the file), read
 * before the config is validated: the lab's exercises are what the rest of the file is checked
 * against. A file that cannot be read or parsed names no lab here; loadConfig says why.
 */
export async function configuredLab(opts: Pick<LoadConfigOptions, 'file' | 'cwd'> = {}): Promise<string | undefined> {
  const cwd = opts.cwd ?? process.cwd();
  const file = opts.file ? path.resolve(cwd, opts.file) : path.join(cwd, CONFIG_FILE_NAME);
  try {
    const raw = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as { lab?: unknown };
    return typeof raw.lab === 'string' && raw.lab.trim() ? path.resolve(path.dirname(file), raw.lab) : undefined;
  } catch {
    return undefined;
  }
}
