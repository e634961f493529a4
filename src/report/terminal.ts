// The student's view in a terminal: quiet when all is well, precise when not.
import pc from 'picocolors';
import { leftOutCount, repeatRuns, type CheckResult, type ExerciseResult, type Lang, type RunReport, type TranscriptEvent } from '../model.js';
import { t } from '../i18n/index.js';
import { pythonUsedMessage } from '../python/messages.js';

const MAX_EXCHANGE_LINES = 14;

export function actorName(lang: Lang, actor: string): string {
  const m = /^(client|serveur|checker)(\d*)$/.exec(actor);
  if (!m) return actor;
  const base = t(lang, `actor.${m[1]}`);
  return m[2] ? `${base} ${m[2]}` : base;
}

function quote(text: string): string {
  return `"${text}"`;
}

/** One line of the exchange, as a sequence: `client → serveur : "salut"`. */
export function exchangeLine(lang: Lang, e: TranscriptEvent): string {
  const from = actorName(lang, e.from);
  const to = e.to ? actorName(lang, e.to) : '';
  switch (e.kind) {
    case 'message':
      return `${from} → ${to} : ${quote(e.text)}`;
    case 'stdin':
      return t(lang, 'exchange.typed', { to, text: quote(e.text) });
    case 'stdout':
      return t(lang, 'exchange.printed', { who: from, text: e.text });
    case 'stderr':
      return t(lang, 'exchange.error', { who: from, text: e.text });
    case 'connect':
      return t(lang, 'exchange.connect', { who: from, to: to || e.text, addr: e.text });
    case 'listen':
      return t(lang, 'exchange.listen', { who: from, addr: e.text });
    case 'close':
      return t(lang, 'exchange.close', { who: from });
    case 'exit':
      return e.text === 'stopped' ? t(lang, 'exchange.stopped', { who: from }) : t(lang, 'exchange.exit', { who: from, how: e.text });
    case 'note': {
      const left = leftOutCount(e); // what a flood left out of the record
      return left === undefined ? `${from} : ${e.text}` : t(lang, 'exchange.more', { n: left });
    }
    default:
      return `${from} : ${e.text}`;
  }
}

/** The exchange as lines; a run of identical lines (a print loop) is one line with its count. */
function exchangeLines(lang: Lang, events: TranscriptEvent[]): string[] {
  return repeatRuns(events).map(({ event, n }) => {
    const text = exchangeLine(lang, event);
    return n > 1 ? `${text}  ${pc.dim(t(lang, 'exchange.repeated', { n }))}` : text;
  });
}

function indent(text: string, pad: string): string {
  return text.split('\n').map((l) => pad + l).join('\n');
}

function factsLine(lang: Lang, facts: Record<string, string> | undefined): string {
  if (!facts) return '';
  return Object.entries(facts).map(([k, v]) => `${t(lang, `fact.${k}`)} ${v}`).join(', ');
}

function mark(c: CheckResult): string {
  if (c.status === 'pass') return pc.green('✓');
  if (c.status === 'skip') return pc.dim('–');
  if (c.status === 'not-reached') return pc.dim('·'); // ○ is the bonus not earned
  if (c.status === 'error') return pc.yellow('!');
  return c.bonus ? pc.yellow('○') : pc.red('✗');
}

function renderFailure(lang: Lang, c: CheckResult, out: string[]): void {
  const pad = '      ';
  if (c.message) out.push(pad + c.message);
  // a value of several lines (two prints) keeps its lines under its first one
  const labelled = (label: string, value: string) =>
    pad + pc.dim(label) + ' ' + value.split('\n').join('\n' + ' '.repeat(pad.length + label.length + 1));
  if (c.expected !== undefined) out.push(labelled(t(lang, 'term.expected'), c.expected));
  if (c.seen !== undefined) out.push(c.seen === '' ? pad + pc.dim(t(lang, 'term.seen')) + ' ' + pc.dim(t(lang, 'term.nothing')) : labelled(t(lang, 'term.seen'), c.seen));
  if (c.blocked) {
    const where = t(lang, 'term.blocked', { call: `${c.blocked.call}()`, line: c.blocked.line, file: c.blocked.file });
    out.push(pad + pc.yellow(where) + (c.blocked.code ? pc.dim(`   ${c.blocked.code}`) : ''));
  }
  const exchange = exchangeLines(lang, c.transcript.filter((e) => e.kind !== 'stderr'));
  if (exchange.length) {
    out.push(pad + pc.dim(t(lang, 'term.exchange')));
    const shown = exchange.slice(-MAX_EXCHANGE_LINES);
    if (shown.length < exchange.length) out.push(pad + '  ' + pc.dim(t(lang, 'term.earlier', { n: exchange.length - shown.length })));
    for (const line of shown) out.push(pad + '  ' + line);
  }
  if (c.traceback) out.push(indent(pc.red(c.traceback), pad));
  if (c.hint) out.push(pad + pc.cyan(`→ ${c.hint}`));
}

export function renderExercise(lang: Lang, ex: ExerciseResult): string {
  const out: string[] = [];
  const score = `${fmt(ex.points, lang)}/${fmt(ex.maxPoints, lang)}${bonusMark(lang, ex.bonusPoints ?? 0)}`;
  out.push(`${pc.bold(ex.folder)} · ${ex.title}  ${pc.dim(score)}`);
  if (ex.checks.every((c) => c.status === 'skip')) {
    out.push(`  ${pc.dim('–')} ${ex.checks[0]?.message ?? ''}`);
    return out.join('\n');
  }
  const detailed = new Set<string>();
  const skipped = ex.checks.filter((c) => c.status === 'skip');
  // Missing files: one line per file, not one per check.
  for (const message of new Set(skipped.map((c) => c.message))) {
    const n = skipped.filter((c) => c.message === message).length;
    out.push(`  ${pc.dim('–')} ${pc.dim(t(lang, 'term.skipped', { n, message }))}`);
  }
  for (const c of ex.checks.filter((x) => x.status !== 'skip')) {
    const bonus = c.bonus ? pc.dim(` (${t(lang, 'term.bonus')})`) : '';
    const facts = c.status === 'pass' ? factsLine(lang, c.facts) : '';
    // a failed check shows its id, discreetly: what `--explain` takes
    const id = c.status === 'pass' ? '' : pc.dim(`  ${c.id}`);
    out.push(`  ${mark(c)} ${c.title}${bonus}${facts ? pc.dim('  ' + facts) : ''}${id}`);
    if (c.status === 'pass') continue;
    // A failure that stopped a run is detailed once; the checks it left unverified get one line.
    // the same failure seen by two checks is detailed once
    if (c.status === 'not-reached' || detailed.has(c.message)) out.push('      ' + pc.dim(c.message));
    else renderFailure(lang, c, out);
    detailed.add(c.message);
  }
  return out.join('\n');
}

/** Bonus points are shown apart from the points: ' (+1 bonus)', or nothing without bonus. */
export function bonusMark(lang: Lang, bonusPoints: number): string {
  return bonusPoints > 0 ? ' ' + t(lang, 'term.bonus-points', { n: fmt(bonusPoints, lang) }) : '';
}

export function fmt(n: number, lang: Lang): string {
  const s = Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, '');
  return lang === 'fr' ? s.replace('.', ',') : s;
}

export function renderTerminal(report: RunReport): string {
  const lang = report.lang;
  const out: string[] = [];
  out.push(pc.bold(t(lang, 'term.header', { dir: report.directory })));
  // which interpreter ran, and how to pick another (students often have several)
  if (report.python?.source) out.push(pc.dim(pythonUsedMessage(lang, { path: report.python.path, version: report.python.version, source: report.python.source })));
  else if (report.python) out.push(pc.dim(`Python ${report.python.version} (${report.python.path})`));
  out.push('');
  for (const ex of report.exercises) {
    out.push(renderExercise(lang, ex));
    out.push('');
  }
  for (const e of report.errors) out.push(pc.yellow(`! ${e}`));
  const failed = report.exercises.flatMap((e) => e.checks).find((c) => c.status !== 'pass' && c.status !== 'skip');
  if (failed) out.push(pc.dim(t(lang, 'term.explain-tip', { id: failed.id })));
  const s = report.score;
  const all = report.exercises.flatMap((e) => e.checks).filter((c) => !c.bonus);
  const passed = all.filter((c) => c.status === 'pass').length;
  const line = t(lang, 'term.score', {
    points: fmt(s.points, lang), max: fmt(s.max, lang), on20: fmt(s.on20, lang), passed, total: all.length,
  }) + bonusMark(lang, s.bonusPoints);
  out.push(pc.bold(passed === all.length ? pc.green(line) : line));
  return out.join('\n');
}
