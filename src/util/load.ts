// How much slower than idle the machine is running right now, for deadlines that must follow the
// load as it comes and goes during a check (not only as it was when the program started).
//
// Linux: the number of runnable tasks (the 4th field of /proc/loadavg, system-wide: not hidden by
// the check's namespaces), sampled every SAMPLE_MS while a deadline is pending. A program that
// needs the CPU shares the cores with them: with R runnable tasks (ourselves included, standing
// for the program) on C cores it runs about R / C times slower. The threads of the programs under
// test are not counted: a program that spins must not stretch its own deadlines. Elsewhere: the one-minute load
// average per core (macOS), or nothing (Windows reports none): there the time factor and the
// start-up slowness (PythonRun.startSlowness) remain.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';

const SAMPLE_MS = 25;
/** Samples kept: a few minutes at most of pending deadlines. */
const KEEP = 8192;

const CORES = Math.max(1, availableParallelism?.() ?? cpus().length);

function runnableNow(): number | undefined {
  try {
    const fields = readFileSync('/proc/loadavg', 'latin1').split(' ');
    const running = Number(fields[3]?.split('/')[0]);
    return Number.isFinite(running) ? running : undefined;
  } catch {
    return undefined;
  }
}

class LoadMeter {
  private readonly times: number[] = [];
  private readonly values: number[] = [];
  private users = 0;
  private timer?: NodeJS.Timeout;
  private readonly linux = process.platform === 'linux' && runnableNow() !== undefined;
  private own?: () => Iterable<number>;

  /** The processes under test (their runnable threads are their own doing, not the machine's load). */
  ownProcesses(list: () => Iterable<number>): void {
    this.own = list;
  }

  private ownRunnable(): number {
    let n = 0;
    for (const pid of this.own?.() ?? []) {
      let tasks: string[];
      try {
        tasks = readdirSync(`/proc/${pid}/task`);
      } catch {
        continue; // gone
      }
      for (const tid of tasks) {
        try {
          const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1');
          if (stat[stat.lastIndexOf(')') + 2] === 'R') n++;
        } catch {
          // the thread ended
        }
      }
    }
    return n;
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
    let n = runnableNow();
    if (n === undefined) return;
    // only when it could matter: an idle machine costs one read per sample
    if (n > CORES) n = Math.max(1, n - this.ownRunnable());
    this.times.push(performance.now());
    this.values.push(n);
    if (this.times.length > KEEP) {
      this.times.splice(0, KEEP / 2);
      this.values.splice(0, KEEP / 2);
    }
  }

  /** Slowness (>= 1) over the time since `since` (a performance.now() value). */
  slownessSince(since: number): number {
    if (!this.linux) {
      const avg = loadavg()[0];
      return avg > 0 ? Math.max(1, avg / CORES) : 1;
    }
    this.sample();
    let sum = 0;
    let n = 0;
    for (let i = this.times.length - 1; i >= 0 && this.times[i] >= since; i--) {
      sum += this.values[i];
      n++;
    }
    return n ? Math.max(1, sum / n / CORES) : 1;
  }
}

export const loadMeter = new LoadMeter();
