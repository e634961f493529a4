// The en catalogue: one object, assembled from parts (one file per area, same keys in every
// language: each part `satisfies` its French part, so a missing or extra key is a tsc error).
import { engine } from './engine.js';
import { checks } from './checks.js';
import { report } from './report.js';
import { cli } from './cli.js';
import { explain } from './explain.js';
import { hostile } from './hostile.js';
import { lab } from './lab.js';
import { joinParts } from '../parts.js';
import type { FrKey } from '../fr/index.js';

export const enParts = { engine, checks, report, cli, explain, hostile, lab };
export const en = joinParts(enParts) satisfies Record<FrKey, string>;
/** A compile-time error if English has a key French does not (the parts' spreads escape `satisfies`). */
const noExtraKey: [Exclude<keyof typeof en, FrKey>] extends [never] ? true : never = true;
void noExtraKey;
