// Builds test archives: well-formed ones with yazl, and hostile ones (names and sizes yazl would
// refuse to write) by hand, in the plain ZIP layout (stored entries, no compression).
import { createWriteStream, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import yazl from 'yazl';

/** Zips the folder `dir` into `zipFile`, optionally under a top-level folder `prefix/`. */
export async function zipFolder(dir: string, zipFile: string, prefix = ''): Promise<void> {
  const zip = new yazl.ZipFile();
  const add = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) add(r);
      else zip.addFile(path.join(dir, r), prefix + r);
    }
  };
  add('');
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(zipFile)).on('close', resolve).on('error', reject));
}

export async function zipBuffers(zipFile: string, files: Record<string, Buffer | string>, compress = true): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(Buffer.from(data), name, { compress });
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(zipFile)).on('close', resolve).on('error', reject));
}

/** data is written as is; method 8 means it is raw deflate data (then declaredSize is required). */
export interface RawEntry { name: string; data: Buffer; declaredSize?: number; unixMode?: number; flags?: number; method?: 0 | 8 }

/** A stored-entries zip written byte by byte, names and declared sizes taken as given. */
export function rawZip(zipFile: string, entries: RawEntry[]): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data) >>> 0;
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE((e.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(e.method ?? 0, 8); local.writeUInt32LE(crc, 14); local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE((3 << 8) | 20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE((e.flags ?? 0) | 0x800, 8); central.writeUInt16LE(e.method ?? 0, 10); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20); central.writeUInt32LE(size, 24); central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.unixMode ?? 0o100644) << 16) >>> 0, 38); central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  mkdirSync(path.dirname(zipFile), { recursive: true });
  writeFileSync(zipFile, Buffer.concat([...locals, cd, end]));
}
