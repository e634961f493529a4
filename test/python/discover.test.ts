// The interpreter the tests and the checker use: pythonCandidates is pure (every platform, here);
// findPython finds the real one on this machine. (Thonny layouts: test/python-discovery.)
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPython, pythonCandidates, versionAtLeast, MIN_VERSION, type DiscoveryFs } from '../../src/python/discover.js';

const noFs: DiscoveryFs = { isFile: () => false, list: () => [] };
const names = (platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}, explicit?: string) =>
  pythonCandidates(platform, env, explicit, noFs).map((c) => [c.file, ...c.args].join(' '));

describe('pythonCandidates (pure)', () => {
  it.each(['linux', 'darwin'] as const)('%s: python3, then python', (platform) => {
    expect(names(platform)).toEqual(['python3', 'python']);
  });

  it('win32: python3, python, then the py -3 launcher', () => {
    expect(names('win32')).toEqual(['python3', 'python', 'py -3']);
  });

  it.each(['linux', 'darwin', 'win32'] as const)('%s: --python, else PYTHON, is the only candidate', (platform) => {
    expect(pythonCandidates(platform, { PYTHON: '/opt/py' }, '/x/python', noFs)).toEqual([{ file: '/x/python', args: [], source: '--python' }]);
    expect(pythonCandidates(platform, { PYTHON: '/opt/py' }, undefined, noFs)).toEqual([{ file: '/opt/py', args: [], source: 'PYTHON' }]);
  });

  it('does not depend on the machine it runs on', () => {
    expect(names('win32', {})).toEqual(names('win32', {}));
    expect(names('linux', { PATH: '/nothing' })).toEqual(['python3', 'python']);
  });
});

describe('versionAtLeast', () => {
  it('compares major and minor as numbers', () => {
    expect(MIN_VERSION).toEqual([3, 8]);
    expect(versionAtLeast('3.8.0')).toBe(true);
    expect(versionAtLeast('3.10.1')).toBe(true);
    expect(versionAtLeast('3.7.17')).toBe(false);
    expect(versionAtLeast('2.7.18')).toBe(false);
    expect(versionAtLeast('4.0.0')).toBe(true);
  });
});

describe('findPython on this machine', () => {
  it('finds a Python >= 3.8 and resolves its real executable', async () => {
    const py = await findPython();
    expect(versionAtLeast(py.version)).toBe(true);
    expect(existsSync(py.path)).toBe(true);
    expect(await findPython()).toEqual(py);
  });

  it('an explicit interpreter that does not exist is an error naming it', async () => {
    await expect(findPython('/no/such/python3.99')).rejects.toMatchObject({ code: 'python-not-found' });
  });
});
