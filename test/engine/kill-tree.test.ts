import { describe, expect, it } from 'vitest';
import { killTree, posixKillTargets, windowsTreeKillCommand } from '../../src/engine/kill-tree.js';

describe('windowsTreeKillCommand (pure)', () => {
  it('taskkill by full path under SystemRoot, the whole tree, forced', () => {
    expect(windowsTreeKillCommand(4242, { SystemRoot: 'C:\\Windows' })).toEqual({
      file: 'C:\\Windows\\System32\\taskkill.exe',
      args: ['/PID', '4242', '/T', '/F'],
    });
  });

  it('falls back on windir, then on the bare name', () => {
    expect(windowsTreeKillCommand(7, { windir: 'D:\\WIN' }).file).toBe('D:\\WIN\\System32\\taskkill.exe');
    expect(windowsTreeKillCommand(7, {}).file).toBe('taskkill');
  });

  it('refuses anything but a positive integer pid', () => {
    for (const bad of [0, -1, 1.5, NaN]) expect(() => windowsTreeKillCommand(bad, {})).toThrow(RangeError);
  });
});

describe('POSIX targets', () => {
  it('the group (negative pid) first, then the leader', () => {
    expect(posixKillTargets(1234)).toEqual([-1234, 1234]);
    expect(() => posixKillTargets(0)).toThrow(RangeError);
  });

  it('killTree never signals its own group (pid 0 or negative): a no-op', () => {
    expect(() => killTree(0, 'linux')).not.toThrow();
    expect(() => killTree(-5, 'linux')).not.toThrow();
  });
});
