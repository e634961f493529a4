// What the reporters need beyond RunReport: where each submission came from, and output options.
import type { Lang } from '../model.js';
import type { Config } from '../config/types.js';

export interface SubmissionInfo {
  /** identifier for grade imports (Moodle): the folder or archive name, Moodle's suffix removed */
  id: string;
  /** the entry's name in the submissions folder */
  name: string;
  source: 'folder' | 'zip' | 'file';
  /** problems found while reading the submission (refused archive, files placed by name, ...) */
  notes: string[];
}

export interface ReportOptions {
  lang?: Lang;
  /** ISO date written in the reports; default: now (tests pass a fixed one) */
  generatedAt?: string;
  /** keyed by RunReport.student */
  submissions?: Record<string, SubmissionInfo>;
  config?: Config;
  /** environment read for GITHUB_STEP_SUMMARY; default process.env */
  env?: Record<string, string | undefined>;
}
