// How much of a wait the programs could not use because the machine was busy, so that deadlines
// follow the load as it comes and goes during a check (not only as it was when a program started).
//
// Linux: the time the threads of the programs under test, and the checker's own main thread,
// spent ready to run but waiting for a CPU (/proc/PID/task/TID/schedstat, 2nd field), sampled
// while a deadline is pending. That time does not count against them: a deadline is extended by
// it. A program blocked in recv() waits for no CPU, so its deadline is not extended (a failure is
// not made slower); one starved by other processes is given the time it lost. Elsewhere nothing
// is measured: there deadlines stretch with the start-up slowness (PythonRun.startSlowness).
import { readdirSync, readFileSync } from 'node:fs';

const SAMPLE_MS = 50;
/** Samples kept: minutes of pending deadlines. */
const KEEP = 4096;

function waitingNs(pid: number, tid: number | string): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'latin1').split(' ')[1]);
  } catch {
    return undefined; // gone, or no schedstat
  }
}

class LoadMeter {
  private readonly times: number[] = [];
  /** ms of CPU waiting accumulated by the watched threads, at each sample */
  private readonly stolen: number[] = [];
  private total = 0;
  private readonly last = new Map<string, number>();
  private users = 0;
  private timer?: NodeJS.Timeout;
  private readonly linux = process.platform === 'linux' && waitingNs(process.pid, process.pid) !== undefined;
  private own?: () => Iterable<number>;

  /** Is the load measured as it comes (Linux)? Elsewhere deadlines rely on the start-up slowness. */
  get live(): boolean {
    return this.linux;
  }

  /** The processes under test (their threads' waiting for a CPU is what a deadline gives back). */
  ownProcesses(list: () => Iterable<number>): void {
    this.own = list;
  }

  /** A deadline starts: sample while at least one is pending. */
  begin(): void {
    if (!this.linux || this.users++ > 0) return;
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  end(): void {
    if (!this.linux || --this.users > 0) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private sample(): void {
    const seen = new Set<string>();
    const add = (pid: number, tid: number | string): void => {
      const w = waitingNs(pid, tid);
      if (w === undefined) return;
      const key = `${pid}/${tid}`;
      seen.add(key);
      const before = this.last.get(key);
      // a thread seen for the first time counts from now
      if (before !== undefined && w > before) this.total += (w - before) / 1e6;
      this.last.set(key, w);
    };
    add(process.pid, process.pid); // the checker's main thread: its events are read late too
    for (const pid of this.own?.() ?? []) {
      let tasks: string[];
      try {
        tasks = readdirSync(`/proc/${pid}/task`);
      } catch {
        continue;
      }
      for (const tid of tasks) add(pid, tid);
    }
    for (const key of this.last.keys()) if (!seen.has(key)) this.last.delete(key);
    this.times.push(performance.now());
    this.stolen.push(this.total);
    if (this.times.length > KEEP) {
      this.times.splice(0, KEEP / 2);
      this.stolen.splice(0, KEEP / 2);
    }
  }

  /** ms the watched threads spent waiting for a CPU since `since` (a performance.now() value). */
  stolenSince(since: number): number {
    if (!this.linux) return 0;
    this.sample();
    let i = this.times.length - 1;
    while (i > 0 && this.times[i - 1] >= since) i--;
    return this.total - (this.stolen[i - 1] ?? this.stolen[i] ?? this.total);
  }

  /** Wall time since `since` over the part of it the watched threads could use (>= 1). */
  slownessSince(since: number): number {
    const elapsed = performance.now() - since;
    return elapsed > 0 ? 1 + this.stolenSince(since) / elapsed : 1;
  }
}

export const loadMeter = new LoadMeter();
