// The fr catalogue: one object, assembled from parts (one file per area, same keys in every
// language). A key defined in two parts is an error (src/i18n/parts.ts).
import { engine } from './engine.js';
import { checks } from './checks.js';
import { report } from './report.js';
import { cli } from './cli.js';
import { explain } from './explain.js';
import { hostile } from './hostile.js';
import { lab } from './lab.js';
import { joinParts } from '../parts.js';

export const frParts = { engine, checks, report, cli, explain, hostile, lab };
export const fr = joinParts(frParts);
/** Every message key: the French catalogue is the reference, the other languages have exactly its keys. */
export type FrKey = keyof typeof fr;
