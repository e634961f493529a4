// A catalogue is assembled from parts; a key defined in two parts must be an error, not a silent
// override (hint.output-flood was once defined in engine.ts and hostile.ts, and hostile won).
import { describe, expect, it } from 'vitest';
import { duplicateKeys, joinParts } from '../../src/i18n/parts.js';
import { frParts } from '../../src/i18n/fr/index.js';
import { enParts } from '../../src/i18n/en/index.js';

describe('catalogue parts', () => {
  it('no key is defined in two parts of the French or the English catalogue', () => {
    expect(duplicateKeys(frParts), 'fr').toEqual([]);
    expect(duplicateKeys(enParts), 'en').toEqual([]);
  });

  it('joining parts that share a key throws and names the key and the parts', () => {
    const parts: Record<string, Record<string, string>> = { a: { 'x.one': '1', 'x.two': '2' }, b: { 'x.two': 'deux' } };
    expect(() => joinParts(parts)).toThrow('catalogue key defined twice: x.two: a, b');
    expect(joinParts({ a: { 'x.one': '1' }, b: { 'x.two': '2' } })).toEqual({ 'x.one': '1', 'x.two': '2' });
  });
});
