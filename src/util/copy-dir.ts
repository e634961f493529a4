// Copy a small folder tree synchronously: a student's exercise folder is a few small files, and
// fs.cp (implemented in JavaScript in Node 20, a stat and a promise per entry) took 10–25 ms of the
// event loop per scenario while the scenarios of a check were starting their programs.
import { copyFileSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Copy `from` into `to` (created); `skip` names entries (files or folders) left out at any depth. */
export function copyDirSync(from: string, to: string, skip: (name: string) => boolean = () => false): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isDirectory()) copyDirSync(src, dst, skip);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else if (entry.isFile()) copyFileSync(src, dst);
    // sockets, FIFOs, devices: nothing a program of the lab needs, and a FIFO would block a reader
  }
}
