// Interpreter discovery: the order of candidates on each OS, Thonny's install places (fake layouts
// in a temp dir, mapped to Windows and macOS paths), and real probes against a fake PATH.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  discoverPython,
  findPython,
  parseProbeOutput,
  probeEnv,
  pythonCandidates,
  PythonNotFoundError,
  versionAtLeast,
  type Candidate,
  type Probe,
} from '../../src/python/discover.js';
import { envVar, macThonnyPaths, realFs, thonnyCandidates, windowsThonnyPaths, type DiscoveryFs } from '../../src/python/locations.js';
import { examplePython, pythonNotFoundMessage, pythonUsedMessage } from '../../src/python/messages.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tprc-discovery-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A real folder standing for a whole disk: `C:\X\y.exe` -> tmp/C/X/y.exe, `/Applications/...` -> tmp/Applications/... */
function rootedFs(root: string): DiscoveryFs & { map(p: string): string } {
  const map = (p: string) => {
    const parts = p.replace(/^([A-Za-z]):/, '$1').split(/[\\/]+/).filter(Boolean);
    return path.join(root, ...parts);
  };
  return { map, isFile: (p) => realFs.isFile(map(p)), list: (d) => realFs.list(map(d)) };
}

function touch(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
}

const noFs: DiscoveryFs = { isFile: () => false, list: () => [] };
const names = (list: Candidate[]) => list.map((c) => [c.file, ...c.args].join(' '));

describe('pythonCandidates: the order on each platform', () => {
  it('Linux and macOS: python3 then python (no Thonny installed)', () => {
    expect(names(pythonCandidates('linux', {}, undefined, noFs))).toEqual(['python3', 'python']);
    expect(names(pythonCandidates('darwin', {}, undefined, noFs))).toEqual(['python3', 'python']);
  });

  it('Windows: python3, python, then the py -3 launcher', () => {
    const list = pythonCandidates('win32', {}, undefined, noFs);
    expect(names(list)).toEqual(['python3', 'python', 'py -3']);
    expect(list[2]).toEqual({ file: 'py', args: ['-3'], source: 'py -3' });
  });

  it('an explicit choice (--python, then PYTHON) is the only candidate: never silently replaced', () => {
    const env = { PYTHON: '/opt/py/bin/python3' };
    expect(pythonCandidates('linux', env, 'C:\\x\\python.exe', noFs)).toEqual([{ file: 'C:\\x\\python.exe', args: [], source: '--python' }]);
    expect(pythonCandidates('win32', env, undefined, noFs)).toEqual([{ file: '/opt/py/bin/python3', args: [], source: 'PYTHON' }]);
  });
});

describe('Thonny install places', () => {
  it('Windows: per-user, all-users and (x86) installs, built with Windows path rules', () => {
    const env = {
      LOCALAPPDATA: 'C:\\Users\\Élève\\AppData\\Local',
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
    };
    expect(windowsThonnyPaths(env)).toEqual([
      'C:\\Users\\Élève\\AppData\\Local\\Programs\\Thonny\\python.exe',
      'C:\\Program Files\\Thonny\\python.exe',
      'C:\\Program Files (x86)\\Thonny\\python.exe',
    ]);
  });

  it('Windows: environment names are case-insensitive; defaults when variables are missing', () => {
    expect(envVar({ localappdata: 'D:\\L' }, 'LOCALAPPDATA', 'win32')).toBe('D:\\L');
    expect(envVar({ localappdata: 'D:\\L' }, 'LOCALAPPDATA', 'linux')).toBeUndefined();
    expect(windowsThonnyPaths({ USERPROFILE: 'C:\\Users\\Mme Dupré' })).toEqual([
      'C:\\Users\\Mme Dupré\\AppData\\Local\\Programs\\Thonny\\python.exe',
      'C:\\Program Files\\Thonny\\python.exe',
      'C:\\Program Files (x86)\\Thonny\\python.exe',
    ]);
  });

  it('Windows: only the installs present on disk become candidates, after PATH and py -3', () => {
    const root = path.join(tmp, 'win-disk');
    const fs = rootedFs(root);
    touch(fs.map('C:\\Users\\Élève\\AppData\\Local\\Programs\\Thonny\\python.exe'));
    touch(fs.map('C:\\Program Files (x86)\\Thonny\\python.exe'));
    const env = { LOCALAPPDATA: 'C:\\Users\\Élève\\AppData\\Local', ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };
    const list = pythonCandidates('win32', env, undefined, fs);
    expect(names(list)).toEqual([
      'python3',
      'python',
      'py -3',
      'C:\\Users\\Élève\\AppData\\Local\\Programs\\Thonny\\python.exe',
      'C:\\Program Files (x86)\\Thonny\\python.exe',
    ]);
    expect(list.slice(3).every((c) => c.source === 'thonny')).toBe(true);
  });

  it('macOS: every Python.framework version inside Thonny.app, newest first, in /Applications and ~/Applications', () => {
    const root = path.join(tmp, 'mac-disk');
    const fs = rootedFs(root);
    const fw = (apps: string, v: string) => `${apps}/Thonny.app/Contents/Frameworks/Python.framework/Versions/${v}/bin/python3`;
    touch(fs.map(fw('/Applications', '3.9')));
    touch(fs.map(fw('/Applications', '3.10')));
    mkdirSync(fs.map('/Applications/Thonny.app/Contents/Frameworks/Python.framework/Versions/Current'), { recursive: true });
    touch(fs.map(fw('/Users/élève/Applications', '3.12')));
    const env = { HOME: '/Users/élève' };
    expect(macThonnyPaths(env, fs)).toEqual([fw('/Applications', '3.10'), fw('/Applications', '3.9'), fw('/Users/élève/Applications', '3.12')]);
    expect(names(pythonCandidates('darwin', env, undefined, fs))).toEqual(['python3', 'python', ...macThonnyPaths(env, fs)]);
  });

  it('macOS: a version folder without its python3 is skipped', () => {
    const root = path.join(tmp, 'mac-broken');
    const fs = rootedFs(root);
    mkdirSync(fs.map('/Applications/Thonny.app/Contents/Frameworks/Python.framework/Versions/3.10/bin'), { recursive: true });
    expect(thonnyCandidates('darwin', {}, fs)).toEqual([]);
  });

  it('Linux: Thonny\'s own installer layout (~/apps/thonny)', () => {
    const root = path.join(tmp, 'linux-disk');
    const fs = rootedFs(root);
    touch(fs.map('/home/eleve/apps/thonny/bin/python3'));
    expect(thonnyCandidates('linux', { HOME: '/home/eleve' }, fs)).toEqual(['/home/eleve/apps/thonny/bin/python3']);
    expect(thonnyCandidates('linux', { HOME: '/home/autre' }, fs)).toEqual([]);
  });
});

describe('discoverPython with a fake probe', () => {
  const versions: Record<string, string | undefined> = {};
  const probe: Probe = async (c) => {
    const v = versions[[c.file, ...c.args].join(' ')];
    return v ? { path: `/real/${c.file}`, version: v } : undefined;
  };

  it('takes the first interpreter that is at least 3.8, and says where it came from', async () => {
    Object.assign(versions, { python3: undefined, python: '3.12.1', 'py -3': '3.11.0' });
    await expect(discoverPython(undefined, 'win32', {}, { fs: noFs, probe })).resolves.toEqual({ path: '/real/python', version: '3.12.1', source: 'python' });
  });

  it('skips a too old Python and reports it when nothing else works', async () => {
    for (const k of Object.keys(versions)) delete versions[k];
    versions.python = '2.7.18';
    const e = await discoverPython(undefined, 'linux', {}, { fs: noFs, probe }).catch((x) => x);
    expect(e).toBeInstanceOf(PythonNotFoundError);
    expect(e.tried).toEqual(['python3', 'python']);
    expect(e.tooOld).toBe('/real/python (2.7.18)');
    expect(e.explicit).toBeUndefined();
  });

  it('falls back on Thonny when nothing is on the PATH', async () => {
    for (const k of Object.keys(versions)) delete versions[k];
    const thonny = 'C:\\Program Files\\Thonny\\python.exe';
    versions[thonny] = '3.10.11';
    const fs: DiscoveryFs = { isFile: (p) => p === thonny, list: () => [] };
    const py = await discoverPython(undefined, 'win32', { ProgramFiles: 'C:\\Program Files' }, { fs, probe });
    expect(py.source).toBe('thonny');
    expect(py.version).toBe('3.10.11');
  });

  it('an explicit interpreter that fails is an error naming it (no fallback)', async () => {
    versions.python3 = '3.12.0';
    const e = await discoverPython('/nulle/part/python', 'linux', {}, { fs: noFs, probe }).catch((x) => x);
    expect(e).toBeInstanceOf(PythonNotFoundError);
    expect(e.explicit).toBe('/nulle/part/python');
    expect(pythonNotFoundMessage('fr', e, 'linux')).toContain('/nulle/part/python');
  });
});

describe('probe output and environment', () => {
  it('parses CRLF output (Windows) and a BOM, rejects garbage', () => {
    expect(parseProbeOutput('C:\\Users\\Élève\\Thonny\\python.exe\r\n3.10.11\r\n')).toEqual({ path: 'C:\\Users\\Élève\\Thonny\\python.exe', version: '3.10.11' });
    expect(parseProbeOutput('\uFEFF/usr/bin/python3\n3.12.0\n')).toEqual({ path: '/usr/bin/python3', version: '3.12.0' });
    expect(parseProbeOutput('Python was not found; run without arguments to install from the Microsoft Store')).toBeUndefined();
  });

  it('asks for UTF-8 output (paths with accents survive a Windows pipe) and drops startup files', () => {
    const env = probeEnv({ PATH: '/bin', PYTHONSTARTUP: '/x.py', PYTHONHOME: '/y' });
    expect(env).toMatchObject({ PATH: '/bin', PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1' });
    expect(env.PYTHONSTARTUP).toBeUndefined();
    expect(env.PYTHONHOME).toBeUndefined();
  });

  it('compares versions numerically', () => {
    expect(versionAtLeast('3.8.0')).toBe(true);
    expect(versionAtLeast('3.10.1')).toBe(true);
    expect(versionAtLeast('3.7.17')).toBe(false);
    expect(versionAtLeast('2.7.18')).toBe(false);
  });
});

describe('messages: which Python ran, and how to choose another (French by default)', () => {
  it('names the interpreter, where it was found, and shows an example for the OS', () => {
    const fr = pythonUsedMessage('fr', { path: 'C:\\Program Files\\Thonny\\python.exe', version: '3.10.11', source: 'thonny' }, 'win32');
    expect(fr).toContain('Python 3.10.11 utilisé : C:\\Program Files\\Thonny\\python.exe (celui de Thonny)');
    expect(fr).toContain('npm run check -- --python "C:\\Program Files\\Thonny\\python.exe"');
    const en = pythonUsedMessage('en', { path: '/usr/bin/python3', version: '3.12.0', source: 'python3' }, 'linux');
    expect(en).toContain('found on the PATH');
    expect(examplePython('darwin')).toMatch(/^\/Applications\/Thonny\.app\/.*\/bin\/python3$/);
  });
});

// Real probes: scripts standing for interpreters in a fake PATH (POSIX shells; Windows is covered
// by the pure tests above and by CI's own python on windows runners).
describe.skipIf(process.platform === 'win32')('real discovery with a fake PATH and a fake Thonny', async () => {
  const real = await findPython();
  const script = (file: string, body: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  };

  it('skips a too old python3 on the PATH and takes the next one, resolved to its real executable', async () => {
    const bin = path.join(tmp, 'Dossier élève', 'bin');
    script(path.join(bin, 'python3'), 'echo /usr/lib/old/python2.7; echo 2.7.18');
    symlinkSync(real.path, path.join(bin, 'python'));
    const py = await discoverPython(undefined, process.platform, { PATH: bin });
    expect(py.source).toBe('python');
    expect(py.version).toBe(real.version);
    // sys.executable of the symlink: the path with a space and accents came back intact
    expect(py.path).toBe(path.join(bin, 'python'));
  });

  it('finds Thonny\'s interpreter when the PATH has no Python at all', async () => {
    const home = path.join(tmp, 'home élève');
    const thonny = path.join(home, 'apps', 'thonny', 'bin', 'python3');
    mkdirSync(path.dirname(thonny), { recursive: true });
    symlinkSync(real.path, thonny);
    const platform = process.platform === 'darwin' ? 'linux' : process.platform; // the ~/apps layout is Linux's
    const py = await discoverPython(undefined, platform, { PATH: path.join(tmp, 'empty'), HOME: home });
    expect(py).toMatchObject({ source: 'thonny', path: thonny, version: real.version });
  });

  it('reports every candidate tried when nothing works', async () => {
    const e = await discoverPython(undefined, 'linux', { PATH: path.join(tmp, 'empty'), HOME: path.join(tmp, 'nobody') }).catch((x) => x);
    expect(e).toBeInstanceOf(PythonNotFoundError);
    expect(e.tried).toEqual(['python3', 'python']);
    expect(pythonNotFoundMessage('fr', e, 'linux')).toMatch(/Python 3\.8 ou plus récent est introuvable \(essayé : python3, python\)/);
  });
});
