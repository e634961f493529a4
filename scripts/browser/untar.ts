// A minimal reader for the POSIX tar archives shipped by @sparticuz/chromium (regular files and
// folders only). Written by hand rather than adding a tar dependency: the archives are known, small
// and simple, and about forty lines cover them; anything else is refused loudly, never guessed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  const text = field(header, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** The header's own checksum: its bytes summed with the checksum field counted as spaces. */
function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum === octal(header, 148, 8);
}

/** Writes every file of `archive` under `dest`; returns the relative paths written. */
export function untar(archive: Buffer, dest: string): string[] {
  const written: string[] = [];
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    if (!checksumOk(header)) throw new Error(`tar: bad header checksum at byte ${offset}`);
    const prefix = field(header, 345, 155);
    const name = path.posix.join(prefix, field(header, 0, 100));
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const target = path.resolve(dest, name);
    if (!target.startsWith(path.resolve(dest) + path.sep)) throw new Error(`tar: entry outside the folder: ${name}`);
    const body = offset + BLOCK;
    if (body + size > archive.length) throw new Error(`tar: ${name} is cut short`);
    if (type === '5') mkdirSync(target, { recursive: true });
    else if (type === '0') {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, archive.subarray(body, body + size), { mode: octal(header, 100, 8) & 0o777 });
      written.push(name);
    } else throw new Error(`tar: entry type '${type}' of ${name} is not supported`);
    offset = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  return written;
}
