// Test helpers: schema validation and a strict CSV reader (what Calc/Excel do with ';' and quotes).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export function schemaValidator(file: string): (data: unknown) => string[] {
  const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../schemas', file), 'utf8'));
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

/** RFC 4180 with ';': returns rows of cells; throws on a malformed quote. */
export function parseCsv(text: string, sep = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; if (i < text.length && text[i] !== sep && text[i] !== '\r' && text[i] !== '\n') throw new Error(`bad quote at ${i}`); continue; }
      cell += ch; i++; continue;
    }
    if (ch === '"' && cell === '') { quoted = true; i++; continue; }
    if (ch === sep) { row.push(cell); cell = ''; i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i += 2; continue; }
    if (ch === '\n') throw new Error(`bare LF at ${i}`);
    cell += ch; i++;
  }
  if (quoted) throw new Error('unterminated quote');
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}
