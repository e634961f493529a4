import { describe, expect, it } from 'vitest';
import { killTree, linuxDescendants, posixKillTargets, windowsTreeKillCommand } from '../../src/sandbox/kill-tree.js';

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

describe('linuxDescendants (from /proc/<pid>/task/<tid>/children)', () => {
  // 10 -> 11 (thread 10), 12 (thread 13); 11 -> 20; 20 -> 10 (a loop must not hang)
  const tasks: Record<string, string[]> = { '/proc/10/task': ['10', '13'], '/proc/11/task': ['11'], '/proc/20/task': ['20'] };
  const children: Record<string, string> = {
    '/proc/10/task/10/children': '11 ',
    '/proc/10/task/13/children': '12',
    '/proc/11/task/11/children': '20\n',
    '/proc/20/task/20/children': '10',
  };
  const list = (d: string) => {
    if (!tasks[d]) throw new Error('ENOENT');
    return tasks[d];
  };
  const read = (f: string) => {
    if (children[f] === undefined) throw new Error('ENOENT');
    return children[f];
  };

  it('walks every thread of every descendant, breadth first, each pid once', () => {
    expect(linuxDescendants(10, list, read)).toEqual([11, 12, 20]);
  });

  it('is empty for a process that is gone or without children', () => {
    expect(linuxDescendants(99, list, read)).toEqual([]);
    expect(linuxDescendants(12, list, read)).toEqual([]);
  });
});
