// Grading keeps a student's namespace for the next student (runInNamespace's `keep`): nothing the
// previous student left running may survive into the next one's check, and closing the kept
// namespace ends every process of it. Linux with user namespaces only (what `keep` is for).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkStudent } from '../../src/runner/check-student.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { isolationMode } from '../../src/engine/isolation.js';
import { findPython } from '../../src/python/discover.js';
import { closeResidentNamespace } from '../../src/sandbox/netns.js';
import { descendants } from '../../scripts/stress-lib.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'tprc-reuse-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A server that first leaves a daemon behind: double fork, own session, a listening socket, asleep.
// (It carries the reference server's text: reference/ is out of a program's sight.)
const REFERENCE = readFileSync(path.join(ROOT, 'reference', '1-meme-machine', 'serveur.py'), 'utf8');
// Its files in /tmp and in its home must be gone for the next student (the area is emptied).
const DAEMON = `import os, socket, time
for left in ("/tmp/tprc-left", os.path.expanduser("~/tprc-left")):
    assert not os.path.exists(left), "left by the previous student: " + left
    open(left, "w").close()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        s = socket.socket()
        s.bind(("127.0.0.1", 23456))
        s.listen()
        time.sleep(3600)
    os._exit(0)
os.wait()
exec(${JSON.stringify(REFERENCE)})
`;

function student(name: string, serveur: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, '1-meme-machine'), { recursive: true });
  writeFileSync(path.join(dir, '1-meme-machine', 'serveur.py'), serveur);
  return dir;
}

const netns = process.platform === 'linux' && (await isolationMode((await findPython()).path)) === 'netns';

describe.runIf(netns)('a namespace kept from one student to the next', () => {
  it('holds nothing of the previous student, and ends entirely when closed', async () => {
    const opts = { lang: 'fr' as const, config: defaultConfig(), exercises: ['ex1'], reuseNamespace: true };
    for (const name of ['demon', 'demon-suivant']) {
      const report = await checkStudent({ ...opts, dir: student(name, DAEMON) });
      expect(report.isolation).toBe('netns');
      expect(report.exercises[0].checks.find((c) => c.id === 'ex1.serveur-ecoute')!.status).toBe('pass');
      // kept: unshare, ns_init, the checker inside, its fork server and the pid 1 of the programs'
      // wall (tprc_forkserver_wall.py). A forked program shows the fork server's command line: a
      // third one would be the daemon, still alive.
      const kept = descendants();
      expect(kept.filter((p) => p.cmd.includes('tprc_forkserver.py'))).toHaveLength(2);
      expect(kept.filter((p) => p.cmd.includes('netns-child.js')).length).toBeGreaterThan(0);
    }

    await closeResidentNamespace();
    expect(descendants()).toEqual([]);
  }, 60_000);
});
