// `npm run check` starts with the interpreter found last time while discovery runs (checkStudent's
// pythonHint): the report always names what discovery found, and a wrong guess only costs time.
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkStudent } from '../../src/runner/check-student.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { findPython } from '../../src/python/discover.js';
import { expectedIsolation, isolationMode } from '../../src/engine/isolation.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'tprc-hint-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('checking with the interpreter found last time', () => {
  const opts = { dir: path.join(ROOT, 'reference'), lang: 'fr' as const, config: defaultConfig(), exercises: ['ex1'] };

  it('keeps the outcome when discovery finds the same interpreter', async () => {
    const found = await findPython();
    const report = await checkStudent({ ...opts, pythonHint: found.path });
    expect(report.python?.path).toBe(found.path);
    expect(report.score.on20).toBe(20);
  });

  // (a symbolic link needs a privilege on Windows)
  it.runIf(process.platform !== 'win32')('checks again with the one discovery found when the guess was another', async () => {
    const found = await findPython();
    // another path to an interpreter: discovery reports sys.executable, never this link
    const other = path.join(tmp, 'python3-ancien');
    symlinkSync(found.path, other);
    const report = await checkStudent({ ...opts, pythonHint: other });
    expect(report.python?.path).toBe(found.path);
    expect(report.score.on20).toBe(20);
  });

  it.runIf(process.platform === 'linux')('a stale guess that no longer runs costs neither the namespaces nor the verdicts', async () => {
    const found = await findPython();
    const mode = await isolationMode(found.path);
    // an interpreter uninstalled since: the file is there, it does not run
    const stale = path.join(tmp, 'python3-desinstalle');
    writeFileSync(stale, '#!/bin/sh\nexit 1\n');
    chmodSync(stale, 0o755);
    // discovery of an explicit interpreter runs it (tens of ms): the stale namespace fails first
    const report = await checkStudent({ ...opts, python: found.path, pythonHint: stale });
    expect(report.python?.path).toBe(found.path);
    expect(report.isolation).toBe(mode);
    expect(report.score.on20).toBe(20);
    // and the next check of this process still gets them
    expect(expectedIsolation()).toBe(mode);
  });
});
