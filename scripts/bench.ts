// `npm run bench [-- --runs N] [--json] [--quick] [--no-grade] [--stability N]`
//
// Measures, in one run on this machine, the checker against the floor the machine allows:
//  1. the floor: a bare `python -c pass` start (the real interpreter, also with -S / -I), and a bare
//     Python client/server echo on loopback (two processes, no injected module, port from get-port);
//  2. `check reference`: wall, CPU (children included), Python processes started, wall / floor;
//  3. the same for each exercise alone (--exercise);
//  4. `grade` of a generated class of 30 and of 100 submissions (reference copies and buggy corpus
//     programs): wall, submissions per second, peak RSS;
//  5. the CLI's own start-up (--version, --help).
// Each figure: median, min and max of several runs. Prints a table; writes bench/results.json
// (or prints the JSON with --json). With --stability N: N reference checks while two busy loops
// keep the cores busy, and how many distinct verdicts came out (must be 1).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { packageRoot } from '../src/util/package-root.js';

interface Options {
  runs: number;
  json: boolean;
  grade: boolean;
  sizes: number[];
  stability: number;
  python?: string;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { runs: 5, json: false, grade: true, sizes: [30, 100], stability: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') o.runs = Math.max(1, Number(argv[++i]));
    else if (a === '--json') o.json = true;
    else if (a === '--no-grade') o.grade = false;
    else if (a === '--quick') {
      o.runs = 3;
      o.sizes = [30];
    } else if (a === '--sizes') o.sizes = argv[++i].split(',').map(Number);
    else if (a === '--stability') o.stability = Number(argv[++i]);
    else if (a === '--python') o.python = argv[++i];
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const ROOT = packageRoot();
const CHECK = join(ROOT, 'dist', 'src', 'cli', 'check.js');
const GRADE = join(ROOT, 'dist', 'src', 'cli', 'grade.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const CORES = availableParallelism?.() ?? cpus().length;

interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}

function stats(values: number[]): Stats {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { median: r(median), min: r(v[0]), max: r(v[v.length - 1]), n: v.length };
}

interface Measured {
  wallMs: number;
  /** user + system CPU of the command and every child it waited for (from /usr/bin/time) */
  cpuMs?: number;
  /** maximum resident set size (kB) of the largest single process of the tree (getrusage semantics) */
  maxRssKb?: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to its end; wall from spawn to exit, CPU and peak RSS from /usr/bin/time when present. */
function measure(file: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd = ROOT): Promise<Measured> {
  const timeOut = TIME ? join(work(), `time-${Math.random().toString(36).slice(2)}.txt`) : '';
  const [f, a] = TIME ? [TIME, ['-f', '%U %S %M', '-o', timeOut, file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(f, a, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      let cpuMs: number | undefined;
      let maxRssKb: number | undefined;
      if (TIME) {
        const line = readFileSync(timeOut, 'utf8').trim().split('\n').pop() ?? '';
        const [u, s, m] = line.split(/\s+/).map(Number);
        if (Number.isFinite(u) && Number.isFinite(s)) cpuMs = (u + s) * 1000;
        if (Number.isFinite(m)) maxRssKb = m;
        rmSync(timeOut, { force: true });
      }
      resolve({ wallMs, cpuMs, maxRssKb, code, stdout, stderr });
    });
  });
}

let workDir: string | undefined;
function work(): string {
  workDir ??= mkdtempSync(join(tmpdir(), 'tprc-bench-'));
  return workDir;
}

function realPython(explicit?: string): { path: string; version: string } {
  const cands = explicit ? [explicit] : process.env.PYTHON ? [process.env.PYTHON] : ['python3', 'python'];
  for (const c of cands) {
    const r = spawnSync(c, ['-c', 'import sys; print(sys.executable); print("%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8' });
    if (r.status === 0) {
      const [path, version] = r.stdout.trim().split('\n');
      return { path, version };
    }
  }
  throw new Error('no Python found');
}

// ---- 1. the floor --------------------------------------------------------------------------------

async function pythonStart(python: string, flags: string[], runs: number): Promise<Stats> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(python, [...flags, '-c', 'pass']);
    if (r.status !== 0) throw new Error(`${python} ${flags.join(' ')} -c pass failed`);
    t.push(performance.now() - t0);
  }
  return stats(t);
}

const BARE_SERVER = `import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen()
print("ready", flush=True)
c, _ = s.accept()
c.sendall(c.recv(1024))
c.close()
s.close()
`;
const BARE_CLIENT = `import socket, sys
s = socket.socket()
s.connect(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"hello")
assert s.recv(1024) == b"hello"
s.close()
`;

/** One bare echo: the server starts on a port chosen beforehand, prints "ready", then the client runs. */
async function bareEcho(python: string): Promise<number> {
  const port = await getPort({ host: '127.0.0.1' });
  const t0 = performance.now();
  const server = spawn(python, ['-c', BARE_SERVER, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const serverDone = new Promise<number | null>((resolve) => server.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    server.stdout.setEncoding('utf8').on('data', (s: string) => s.includes('ready') && resolve());
    server.on('close', () => reject(new Error('bare server ended before ready')));
  });
  const client = spawn(python, ['-c', BARE_CLIENT, String(port)], { stdio: 'inherit' });
  const clientCode = await new Promise<number | null>((resolve) => client.on('close', resolve));
  const serverCode = await serverDone;
  if (clientCode !== 0 || serverCode !== 0) throw new Error('bare echo failed');
  return performance.now() - t0;
}

// ---- 2-3. check ------------------------------------------------------------------------------------

interface CheckFigures {
  label: string;
  args: string[];
  wall: Stats;
  cpu?: Stats;
  processes: Stats;
  floorMs: number;
  ratio: Stats;
  verdicts: string[];
}

let isolation: string | undefined;

function isolationOf(stdout: string): string | undefined {
  try {
    return (JSON.parse(stdout) as { isolation?: string }).isolation;
  } catch {
    return undefined;
  }
}

/** A verdict signature: every check's id and status, so that any change shows. */
function verdictOf(stdout: string): string {
  try {
    const r = JSON.parse(stdout) as { exercises: { checks: { id: string; status: string }[] }[] };
    return r.exercises.flatMap((e) => e.checks.map((c) => `${c.id}:${c.status}`)).join(' ');
  } catch {
    return `unparsable output (${stdout.length} bytes)`;
  }
}

/** "40/40", or "38/40 (ex4.x:fail ex4.y:timeout)": passed checks, and the others by name. */
function passCount(verdict: string): string {
  const all = verdict.split(' ');
  const other = all.filter((x) => !x.endsWith(':pass'));
  return `${all.length - other.length}/${all.length}${other.length ? ` (${other.join(' ')})` : ''}`;
}

async function benchCheck(label: string, args: string[], runs: number, pyStartMs: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<CheckFigures> {
  const wall: number[] = [];
  const cpu: number[] = [];
  const procs: number[] = [];
  const verdicts = new Set<string>();
  for (let i = 0; i < runs; i++) {
    const countFile = join(work(), `count-${label.replace(/\W+/g, '_')}-${i}.txt`);
    writeFileSync(countFile, '');
    const m = await measure(process.execPath, [CHECK, ...args, '--json'], { ...process.env, ...extraEnv, TPRC_COUNT_FILE: countFile });
    wall.push(m.wallMs);
    if (m.cpuMs !== undefined) cpu.push(m.cpuMs);
    procs.push(readFileSync(countFile, 'utf8').split('\n').filter(Boolean).length);
    verdicts.add(verdictOf(m.stdout));
    isolation ??= isolationOf(m.stdout);
  }
  const p = stats(procs);
  const floorMs = (p.median * pyStartMs) / CORES;
  return {
    label,
    args,
    wall: stats(wall),
    cpu: cpu.length ? stats(cpu) : undefined,
    processes: p,
    floorMs: Math.round(floorMs * 10) / 10,
    ratio: stats(wall.map((w, i) => w / ((procs[i] * pyStartMs) / CORES))),
    verdicts: [...verdicts].map(passCount),
  };
}

// ---- 4. grade ---------------------------------------------------------------------------------------

/** A class of n: even students hand in the reference, odd ones a full submission with one buggy program. */
function generateClass(n: number): string {
  const dir = join(work(), `classe-${n}`);
  const subs = join(dir, 'remises');
  mkdirSync(subs, { recursive: true });
  const buggyRoot = join(ROOT, 'test', 'corpus', 'buggy');
  const buggy = existsSync(buggyRoot)
    ? readdirSync(buggyRoot, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  for (let i = 0; i < n; i++) {
    const name = `eleve-${String(i + 1).padStart(3, '0')}`;
    const to = join(subs, name);
    cpSync(join(ROOT, 'reference'), to, { recursive: true, filter: (s) => !/__pycache__/.test(s) });
    if (i % 2 === 1 && buggy.length) cpSync(join(buggyRoot, buggy[(i >> 1) % buggy.length]), to, { recursive: true });
  }
  return dir;
}

interface GradeFigures {
  size: number;
  wall: Stats;
  perSecond: Stats;
  cpu?: Stats;
  maxRssMb?: Stats;
  processes: Stats;
}

async function benchGrade(size: number, runs: number): Promise<GradeFigures> {
  const dir = generateClass(size);
  const wall: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  const procs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = join(dir, `resultats-${i}`);
    const countFile = join(dir, `count-${i}.txt`);
    writeFileSync(countFile, '');
    const m = await measure(process.execPath, [GRADE, join(dir, 'remises'), '--out', out], { ...process.env, TPRC_COUNT_FILE: countFile });
    if (m.code !== 0) throw new Error(`grade of ${size} failed (${m.code}): ${m.stderr.slice(-500)}`);
    wall.push(m.wallMs);
    if (m.cpuMs !== undefined) cpu.push(m.cpuMs);
    if (m.maxRssKb !== undefined) rss.push(m.maxRssKb / 1024);
    procs.push(readFileSync(countFile, 'utf8').split('\n').filter(Boolean).length);
    rmSync(out, { recursive: true, force: true });
  }
  return {
    size,
    wall: stats(wall),
    perSecond: stats(wall.map((w) => size / (w / 1000))),
    cpu: cpu.length ? stats(cpu) : undefined,
    maxRssMb: rss.length ? stats(rss) : undefined,
    processes: stats(procs),
  };
}

// ---- stability under load -------------------------------------------------------------------------

async function stability(n: number): Promise<{ runs: number; distinct: number; verdicts: Record<string, number>; wall: Stats }> {
  // Keep every core busy with loops started here; killed by pid at the end.
  const hogs = Array.from({ length: CORES }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  const counts: Record<string, number> = {};
  const wall: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const m = await measure(process.execPath, [CHECK, 'reference', '--json']);
      wall.push(m.wallMs);
      const v = verdictOf(m.stdout);
      counts[v] = (counts[v] ?? 0) + 1;
    }
  } finally {
    for (const h of hogs) if (h.pid !== undefined) process.kill(h.pid, 'SIGKILL');
  }
  const all = Object.keys(counts);
  const reference = all.find((v) => !v.includes(':fail') && !v.includes(':error') && !v.includes(':timeout'));
  const verdicts: Record<string, number> = {};
  for (const v of all) verdicts[v === reference ? 'all pass' : diffVerdict(reference, v)] = counts[v];
  return { runs: n, distinct: all.length, verdicts, wall: stats(wall) };
}

function diffVerdict(ref: string | undefined, v: string): string {
  if (!ref) return v;
  const r = new Set(ref.split(' '));
  return v.split(' ').filter((x) => !r.has(x)).join(' ') || v;
}

// ---- 5. start-up --------------------------------------------------------------------------------

async function startup(args: string[], runs: number): Promise<Stats> {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) t.push((await measure(process.execPath, [CHECK, ...args])).wallMs);
  return stats(t);
}

// ---- report ----------------------------------------------------------------------------------------

function fmt(s: Stats | undefined, unit = 'ms', digits = 0): string {
  if (!s) return 'n/a';
  const f = (x: number) => x.toFixed(digits);
  return `${f(s.median)}${unit ? ' ' + unit : ''} (${f(s.min)}–${f(s.max)})`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(rows[0]), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  if (!existsSync(CHECK)) throw new Error('dist/ is missing: run `npm run build` first');
  const py = realPython(o.python);
  const log = (s: string) => (o.json ? process.stderr : process.stdout).write(s + '\n');
  const load0 = loadavg();
  log(`bench: ${CORES} cores, node ${process.version}, Python ${py.version} (${py.path}), load ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  const runsFloor = Math.max(20, o.runs * 4);

  log('floor…');
  const start = {
    plain: await pythonStart(py.path, [], runsFloor),
    S: await pythonStart(py.path, ['-S'], runsFloor),
    I: await pythonStart(py.path, ['-I'], runsFloor),
    IS: await pythonStart(py.path, ['-I', '-S'], runsFloor),
  };
  const echoTimes: number[] = [];
  for (let i = 0; i < runsFloor; i++) echoTimes.push(await bareEcho(py.path));
  const echo = stats(echoTimes);

  log('check…');
  const checks: CheckFigures[] = [];
  checks.push(await benchCheck('check reference', ['reference'], o.runs, start.plain.median));
  const defaultIsolation = isolation;
  // The isolation mode chosen on this machine ('netns': each student's check in its own namespaces,
  // a node process more per check), and the same check without it, to show what it costs.
  if (defaultIsolation === 'netns') {
    checks.push(await benchCheck('check reference (module)', ['reference'], o.runs, start.plain.median, { TPRC_ISOLATION: 'module' }));
  }
  for (const ex of ['ex1', 'ex2', 'ex3', 'ex4']) {
    checks.push(await benchCheck(`check --exercise ${ex}`, ['reference', '--exercise', ex], o.runs, start.plain.median));
  }

  const grades: GradeFigures[] = [];
  if (o.grade) {
    for (const n of o.sizes) {
      log(`grade ${n}…`);
      grades.push(await benchGrade(n, o.runs));
    }
  }

  log('start-up…');
  const cli = {
    version: await startup(['--version'], Math.max(10, o.runs * 2)),
    help: await startup(['--help'], Math.max(10, o.runs * 2)),
  };

  let stable: Awaited<ReturnType<typeof stability>> | undefined;
  if (o.stability > 0) {
    log(`stability: ${o.stability} reference checks with ${CORES} busy loops…`);
    stable = await stability(o.stability);
  }

  const results = {
    date: new Date().toISOString(),
    isolation: defaultIsolation ?? 'module',
    machine: { cores: CORES, cpu: cpus()[0]?.model, node: process.version, python: py, loadBefore: load0, loadAfter: loadavg() },
    runs: o.runs,
    floor: { pythonStart: start, bareEcho: echo, note: 'floor of a command = processes started × pythonStart.plain median / cores' },
    checks,
    grades,
    cli,
    stability: stable,
  };

  const rows: string[][] = [['measure', 'wall median (min–max)', 'CPU', 'py procs', 'floor', 'wall/floor', 'verdict']];
  rows.push(['python -c pass', fmt(start.plain, 'ms', 1), '', '1', '', '', '']);
  rows.push(['python -S -c pass', fmt(start.S, 'ms', 1), '', '1', '', '', '']);
  rows.push(['python -I -c pass', fmt(start.I, 'ms', 1), '', '1', '', '', '']);
  rows.push(['python -I -S -c pass', fmt(start.IS, 'ms', 1), '', '1', '', '', '']);
  rows.push(['bare echo (2 procs)', fmt(echo, 'ms', 1), '', '2', '', '', '']);
  for (const c of checks) {
    rows.push([c.label, fmt(c.wall), fmt(c.cpu), String(c.processes.median), `${c.floorMs.toFixed(0)} ms`, fmt(c.ratio, '', 2), c.verdicts.join(', ')]);
  }
  for (const g of grades) {
    rows.push([`grade ${g.size}`, fmt(g.wall), `${fmt(g.cpu)}, ${g.cpu ? (g.cpu.median / g.size).toFixed(0) : '?'} ms/sub`, String(g.processes.median), '', '', `${fmt(g.perSecond, 'subs/s', 1)}, RSS ${fmt(g.maxRssMb, 'MB')}`]);
  }
  rows.push(['check --version', fmt(cli.version), '', '0', '', '', '']);
  rows.push(['check --help', fmt(cli.help), '', '0', '', '', '']);
  if (stable) rows.push([`stability ×${stable.runs} (loaded)`, fmt(stable.wall), '', '', '', '', Object.entries(stable.verdicts).map(([k, v]) => `${v}× ${k}`).join('; ')]);
  log('\n' + table(rows));
  log(`\nisolation: ${defaultIsolation ?? 'module'}; load average before ${load0.map((x) => x.toFixed(1)).join(' ')}, after ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  log(`RSS: maximum resident set of the largest single process of the tree (getrusage via /usr/bin/time), i.e. the grader.`);

  if (o.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else {
    mkdirSync(join(ROOT, 'bench'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
    log('written: bench/results.json');
  }
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });
