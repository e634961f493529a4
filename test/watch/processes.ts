// Which running processes mention a string in their command line (to prove nothing was left behind).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export function processesMentioning(needle: string): string[] {
  if (process.platform === 'linux') {
    const found: string[] = [];
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
        if (cmd.includes(needle) && Number(pid) !== process.pid) found.push(`${pid} ${cmd}`);
      } catch {
        // gone meanwhile
      }
    }
    return found;
  }
  if (process.platform === 'win32') {
    const json = execFileSync('powershell.exe', ['-NoProfile', '-Command',
      'Get-CimInstance Win32_Process | Select-Object ProcessId,CommandLine | ConvertTo-Json -Compress'], { encoding: 'utf8', windowsHide: true });
    const list = JSON.parse(json) as { ProcessId: number; CommandLine: string | null }[];
    return list.filter((p) => p.CommandLine?.includes(needle) && p.ProcessId !== process.pid).map((p) => `${p.ProcessId} ${p.CommandLine}`);
  }
  const out = execFileSync('ps', ['-axww', '-o', 'pid=,command='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(needle) && !l.trim().startsWith(`${process.pid} `));
}
