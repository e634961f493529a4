// How much of a wait the programs could not use because the machine was busy, so that deadlines
// follow the load as it comes and goes during a check (not only as it was when a program started).
//
// Linux: the time the threads of the programs under test, and the checker's own main thread,
// spent ready to run but waiting for a CPU (/proc/PID/task/TID/schedstat, 2nd field), sampled
// while a deadline is pending. That time does not count against them: a deadline is extended by
// it (in each interval between two samples, the longest wait of one thread: threads that waited
// at the same time lost that time once). A program blocked in recv() waits for no CPU, so its deadline is not extended (a failure is
// not made slower); one starved by other processes is given the time it lost. Elsewhere nothing
// is measured: there deadlines stretch with the start-up slowness (PythonRun.startSlowness).
import { readdirSync, readFileSync } from 'node:fs';

const SAMPLE_MS = 50;
/** Samples kept: minutes of pending deadlines. */
const KEEP = 4096;

/** Where the meter reads: each watched thread's total CPU waiting (ns), and the clock (ms). */
export interface LoadSource {
  /** every watched thread's waiting so far, keyed by a stable thread id */
  read(own: Iterable<number>): Map<string, number>;
  now(): number;
}

function waitingNs(pid: number, tid: number | string): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'latin1').split(' ')[1]);
  } catch {
    return undefined; // gone, or no schedstat
  }
}

/** Linux: /proc/PID/task/TID/schedstat of the checker's main thread and of the programs' threads. */
export const procSource: LoadSource = {
  read(own) {
    const out = new Map<string, number>();
    const add = (pid: number, tid: number | string): void => {
      const w = waitingNs(pid, tid);
      if (w !== undefined) out.set(`${pid}/${tid}`, w);
    };
    add(process.pid, process.pid); // the checker's main thread: its events are read late too
    for (const pid of own) {
      let tasks: string[];
      try {
        tasks = readdirSync(`/proc/${pid}/task`);
      } catch {
        continue;
      }
      for (const tid of tasks) add(pid, tid);
    }
    return out;
  },
  now: () => performance.now(),
};

export class LoadMeter {
  private readonly times: number[] = [];
  /** ms of CPU waiting accumulated by the watched threads, at each sample */
  private readonly stolen: number[] = [];
  private total = 0;
  private last = new Map<string, number>();
  private users = 0;
  private timer?: NodeJS.Timeout;
  private readonly linux: boolean;
  private own?: () => Iterable<number>;

  constructor(private readonly source: LoadSource = procSource, measured = process.platform === 'linux' && waitingNs(process.pid, process.pid) !== undefined) {
    this.linux = measured;
  }

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
    this.last.clear(); // what the threads waited while no deadline was pending is not given back
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  end(): void {
    if (!this.linux || --this.users > 0) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Take a reading now (the timer does it every SAMPLE_MS while a deadline is pending). */
  sample(): void {
    const now = this.source.now();
    const readings = this.source.read(this.own?.() ?? []);
    // Threads that waited in the same interval lost that time together, not once each: the
    // interval counts the longest wait of one thread (a thread seen for the first time counts
    // from now). Summing them would give a deadline back more time than passed.
    let waited = 0;
    for (const [key, w] of readings) {
      const before = this.last.get(key);
      if (before !== undefined && w > before) waited = Math.max(waited, (w - before) / 1e6);
    }
    this.last = readings;
    const previous = this.times.at(-1);
    this.total += previous === undefined ? 0 : Math.min(waited, now - previous);
    this.times.push(now);
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
    const elapsed = this.source.now() - since;
    return elapsed > 0 ? 1 + this.stolenSince(since) / elapsed : 1;
  }
}

export const loadMeter = new LoadMeter();
