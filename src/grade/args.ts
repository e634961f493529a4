// Command line of `npm run grade -- SUBMISSIONS [options]` (pure: unit-tested).
import type { Lang } from '../model.js';
import { parseFormats, type ReportFormat } from '../report/format-registry.js';

export interface GradeArgs {
  submissions?: string;
  out: string;
  config?: string;
  /** the lab's folder (--lab): another lab than the built-in one */
  lab?: string;
  jobs?: number;
  timeFactor?: number;
  lang?: Lang;
  python?: string;
  formats?: ReportFormat[];
  keepWork: boolean;
  /** SUBMISSIONS is one student's work, not a folder of submissions (Gradescope, CI) */
  single: boolean;
  help: boolean;
}

export class ArgError extends Error {}

export const DEFAULT_OUT = 'resultats-tp-reseau';

export function parseGradeArgs(argv: string[]): GradeArgs {
  const a: GradeArgs = { out: DEFAULT_OUT, keepWork: false, single: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new ArgError(arg);
      return v;
    };
    const positive = (v: string, integer: boolean): number => {
      const n = Number(v.replace(',', '.'));
      if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new ArgError(`${flag} ${v}`);
      return n;
    };
    switch (flag) {
      case '-h': case '--help': a.help = true; break;
      case '-o': case '--out': a.out = value(); break;
      case '-c': case '--config': a.config = value(); break;
      case '--lab': a.lab = value(); break;
      case '-j': case '--jobs': a.jobs = positive(value(), true); break;
      case '--time-factor': a.timeFactor = positive(value(), false); break;
      case '--python': a.python = value(); break;
      case '--keep-work': a.keepWork = true; break;
      case '--single': a.single = true; break;
      case '--lang': {
        const v = value();
        if (v !== 'fr' && v !== 'en') throw new ArgError(`--lang ${v}`);
        a.lang = v;
        break;
      }
      case '--formats': {
        const { formats, unknown } = parseFormats(value());
        if (unknown !== undefined || formats.length === 0) throw new ArgError(`--formats ${unknown ?? ''}`);
        a.formats = formats;
        break;
      }
      default:
        if (arg.startsWith('-') || a.submissions !== undefined) throw new ArgError(arg);
        a.submissions = arg;
    }
  }
  return a;
}
