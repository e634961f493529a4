// The fr catalogue: one object, assembled from sections (one file per area, same keys in every language).
import { engine } from './engine.js';
import { checks } from './checks.js';
import { report } from './report.js';
import { cli } from './cli.js';
import { explain } from './explain.js';
import { hostile } from './hostile.js';

export const fr: Record<string, string> = { ...engine, ...checks, ...report, ...cli, ...explain, ...hostile };
