// The non-loopback refusal and the neighbour's address, tested where nothing can leak: the Python
// programs run inside a network namespace that has only loopback (unshare -rn). The checker's report
// channel cannot cross namespaces, so a small harness (fixtures/engine/netns_harness.py) plays the
// checker inside. Without unshare these tests FAIL (never skip): the refusal must be proven safe.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/package-root.js';
import { fixture, python } from './helpers.js';

const BOOT = join(packageRoot(), 'src', 'python', 'inject', 'tprc_boot.py');

interface HarnessResult {
  code: number;
  stdout: string;
  stderr: string;
  events: { ev: string; [k: string]: unknown }[];
}

function requireNetns(): void {
  const r = spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up && test "$(ip -o link show | cut -d: -f2 | tr -d " ")" = lo'], { encoding: 'utf8', timeout: 20_000 });
  if (r.error || r.status !== 0) {
    throw new Error(
      'These tests need a loopback-only network namespace: `unshare -rn sh -c "ip link set lo up"` failed ' +
        `(${r.error?.message ?? `exit ${r.status}: ${r.stderr.trim()}`}). Install util-linux and iproute2, and allow ` +
        'unprivileged user namespaces (or run as root). They are not skipped: the refusal must be tested safely.',
    );
  }
}

/** Run the harness and the student file inside a fresh namespace; never anywhere else. */
async function inNetns(student: string, mode: 'mapped' | 'unmapped'): Promise<HarnessResult> {
  requireNetns();
  const py = await python();
  const script = 'ip link set lo up && exec "$0" "$@"';
  const r = spawnSync('unshare', ['-rn', 'sh', '-c', script, py, '-S', fixture('netns_harness.py'), BOOT, fixture(student), mode], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  if (r.status !== 0) throw new Error(`harness failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout) as HarnessResult;
}

// Network namespaces are a Linux feature: on the project's Windows and macOS CI runners these tests
// do not apply (the refusal itself is covered there by the module's own tests). On Linux a missing
// unshare/ip fails the test, never skips it.
describe.runIf(process.platform === 'linux')('inside a loopback-only network namespace', () => {
  it('refuses traffic to another machine when no port is mapped', async () => {
    const r = await inNetns('netns_refused.py', 'unmapped');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      tcp: 'ConnectionRefusedError',
      tcp_ex: 111,
      udp_sendto: 'PermissionError',
      udp_connect: 'PermissionError',
    });
    const byEv = (name: string) => r.events.filter((e) => e.ev === name);
    expect(byEv('hello')).toHaveLength(1);
    expect(byEv('connect-fail')).toEqual([
      expect.objectContaining({ host: '192.168.1.73', port: 12345, error: 'ConnectionRefusedError' }),
      expect.objectContaining({ host: '192.168.1.73', port: 12345, error: 'ConnectionRefusedError' }),
    ]);
    expect(byEv('refused')).toEqual([
      expect.objectContaining({ what: 'sendto', host: '192.168.1.73', port: 12345, line: expect.any(Number) }),
      expect.objectContaining({ what: 'connect', host: '192.168.1.73', port: 12345, line: expect.any(Number) }),
    ]);
    expect(byEv('connect')).toEqual([]);
  });

  it("redirects the neighbour's address and unresolvable names ('pc-voisin') to the mapped port", async () => {
    const r = await inNetns('netns_mapped.py', 'mapped');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')).toEqual(['echo:192.168.1.73', 'echo:pc-voisin', 'echo:create_connection', 'unmapped 111', '']);
    const connects = r.events.filter((e) => e.ev === 'connect');
    expect(connects.map((e) => [e.host, e.port])).toEqual([
      ['192.168.1.73', 12345],
      ['pc-voisin', 12345],
      ['pc-voisin', 12345],
    ]);
    expect(r.events.filter((e) => e.ev === 'connect-fail').map((e) => [e.host, e.port])).toEqual([['192.168.1.73', 80]]);
  });
});
