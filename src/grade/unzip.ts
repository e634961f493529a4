// Safe extraction of a student's .zip (yauzl: reads the central directory, validates entry names,
// and enforces declared sizes while inflating, so the size checks below can trust the header).
// Only what grading needs is written: Python files and nested .zip archives (Moodle folders often
// hold the uploaded archive). Every other name is still listed, for the report's notes. A class zip
// (Moodle's "download all submissions") is extracted whole (`all`), so no student goes missing.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { ReportKey, Vars } from '../i18n/report-keys.js';

export interface ZipLimits {
  maxEntries: number;
  /** total declared uncompressed size of the archive */
  maxTotalBytes: number;
  /** an entry bigger than this compressed more than maxRatio times is a bomb */
  ratioMinBytes: number;
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxTotalBytes: 200 * 1024 * 1024,
  ratioMinBytes: 1024 * 1024,
  maxRatio: 200,
};

/** A whole class's archive: room for ~40 students' submissions, the same bomb guard. */
export const CLASS_ZIP_LIMITS: ZipLimits = { ...DEFAULT_ZIP_LIMITS, maxEntries: 40_000, maxTotalBytes: 2 * 1024 * 1024 * 1024 };

/** Why an archive was refused; `key`/`vars` give the teacher-facing message. */
export class ZipRefused extends Error {
  constructor(readonly key: ReportKey, readonly vars: Vars) {
    super(`${key} ${JSON.stringify(vars)}`);
    this.name = 'ZipRefused';
  }
}

export interface Extracted {
  /** every file name in the archive (folders and macOS metadata left out) */
  names: string[];
  /** the files written under the destination */
  written: string[];
  /** the archive's declared uncompressed size (what it counted against maxTotalBytes) */
  totalBytes: number;
}

const JUNK = /(^|\/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini|__pycache__)(\/|$)/i;
const WANTED = /\.(py|zip)$/i;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

// yauzl's and zlib's English messages, by what they mean for the teacher (the text is never shown).
const LIBRARY_REASONS: [RegExp, ReportKey][] = [
  [/end of central directory record signature not found|invalid comment length/i, 'report.zip.notZip'],
  [/unsupported compression method|strong encryption/i, 'report.zip.method'],
  [/multi-disk/i, 'report.zip.multiDisk'],
];

function refuseFromYauzl(err: Error): ZipRefused {
  const m = /^(absolute path|invalid relative path|invalid characters in fileName): (.*)$/.exec(err.message);
  if (m) return new ZipRefused(m[1] === 'absolute path' ? 'report.zip.absolute' : 'report.zip.traversal', { entry: m[2] });
  const key = LIBRARY_REASONS.find(([re]) => re.test(err.message))?.[1];
  // anything else the library or zlib says: the bytes do not match what the archive announces
  return new ZipRefused(key ?? 'report.zip.damaged', {});
}

/** Extracts the wanted entries of `zipPath` into `dest` (created), or throws ZipRefused. */
export async function extractZip(zipPath: string, dest: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS, opts: { all?: boolean } = {}): Promise<Extracted> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (err, z) => (err ? reject(err) : resolve(z))),
    );
  } catch (e) {
    throw refuseFromYauzl(e as Error);
  }
  const root = path.resolve(dest);
  await mkdir(root, { recursive: true });
  try {
    if (zip.entryCount > limits.maxEntries) throw new ZipRefused('report.zip.tooManyEntries', { max: limits.maxEntries });
    // First pass: the central directory alone decides, before a single byte is inflated.
    const entries: yauzl.Entry[] = [];
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (err: Error) => reject(refuseFromYauzl(err)));
      zip.readEntry();
    });
    const names: string[] = [];
    const wanted: yauzl.Entry[] = [];
    for (const entry of entries) {
      const name = entry.fileName;
      if (name.endsWith('/') || JUNK.test(name)) continue;
      names.push(name);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) throw new ZipRefused('report.zip.tooLarge', { max: Math.round(limits.maxTotalBytes / 1024 / 1024) });
      if (entry.uncompressedSize > limits.ratioMinBytes && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
        throw new ZipRefused('report.zip.ratio', { entry: name });
      }
      const target = path.resolve(root, name);
      // yauzl already rejects '..' and absolute names; this guards the join itself.
      if (!target.startsWith(root + path.sep)) throw new ZipRefused('report.zip.traversal', { entry: name });
      const isLink = ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
      if ((!opts.all && !WANTED.test(name)) || isLink) continue; // never create links: only regular files are written
      if (entry.isEncrypted()) throw new ZipRefused('report.zip.encrypted', { entry: name });
      wanted.push(entry);
    }
    const written: string[] = [];
    for (const entry of wanted) {
      const target = path.resolve(root, entry.fileName);
      await mkdir(path.dirname(target), { recursive: true });
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(refuseFromYauzl(err)) : resolve(s))),
      );
      try {
        await pipeline(stream, createWriteStream(target, { flags: 'wx' }));
      } catch (e) {
        if (e instanceof ZipRefused) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue; // the same name twice in one archive: keep the first
        if (code && !code.startsWith('Z_')) throw new ZipRefused('report.zip.writeFailed', { entry: entry.fileName });
        throw refuseFromYauzl(e as Error);
      }
      written.push(target);
    }
    return { names, written, totalBytes: total };
  } finally {
    zip.close();
  }
}
