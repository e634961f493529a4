// report.html: one self-contained page (no network): the class at a glance (student x check matrix),
// the grade distribution, then per student the checks not passed with their exchange and traceback.
import type { CheckResult, Lang, RunReport, Status } from '../model.js';
import type { ReportOptions } from './types.js';
import { escapeHtml as h, formatDate, formatNumber, mean, median, sortReports } from './format.js';
import { actorName } from './terminal.js';
import { translator, type T } from '../i18n/report-keys.js';
import { renderDistribution } from './html-chart.js';
import { renderSequence } from './html-sequence.js';
import { CSS } from './html-style.js';

// Symbols from common fonts (DejaVu, Segoe UI): an emoji would show as a box on some machines.
const SYMBOL: Record<Status, string> = { pass: '✓', fail: '✗', timeout: '◔', crash: '!', skip: '–', 'not-reached': '○', error: '?' };
const STATUSES: Status[] = ['pass', 'fail', 'timeout', 'crash', 'skip', 'not-reached', 'error'];
/** Marks a bonus check's column, and is explained in the legend. */
const BONUS_MARK = '★';

interface Column { id: string; title: string; exercise: string; bonus: boolean }

function checkColumns(reports: RunReport[]): Column[] {
  const seen = new Map<string, Column>();
  for (const r of reports) for (const e of r.exercises) for (const c of e.checks) {
    if (!seen.has(c.id)) seen.set(c.id, { id: c.id, title: c.title, exercise: e.id, bonus: c.bonus });
  }
  return [...seen.values()].sort((a, b) => a.exercise.localeCompare(b.exercise, 'en', { numeric: true }));
}

const anchor = (i: number): string => `eleve-${i + 1}`;

function matrix(reports: RunReport[], tr: T, lang: Lang): string {
  const cols = checkColumns(reports);
  const head = `<tr><th class="student">${h(tr('report.student'))}</th><th>${h(tr('report.on20'))}</th>` +
    cols.map((c) => (c.bonus
      ? `<th class="check bonus" title="${h(c.title)}">${h(c.id)} ${BONUS_MARK}</th>`
      : `<th class="check" title="${h(c.title)}">${h(c.id)}</th>`)).join('') + '</tr>';
  const rows = reports.map((r, i) => {
    const byId = new Map(r.exercises.flatMap((e) => e.checks).map((c) => [c.id, c]));
    const cells = cols.map((col) => {
      const c = byId.get(col.id);
      if (!c) return '<td class="st none"></td>';
      const label = `${c.id} — ${tr(`report.status.${c.status}`)}`;
      return `<td class="st st-${c.status}${c.bonus ? ' bonus' : ''}" title="${h(label)}">${SYMBOL[c.status]}</td>`;
    }).join('');
    return `<tr data-student="${h(r.student)}"><td class="student"><a href="#${anchor(i)}">${h(r.student)}</a></td>` +
      `<td class="grade">${r.ungraded ? '—' : formatNumber(r.score.on20, lang)}</td>${cells}</tr>`;
  });
  return `<div class="matrix-wrap"><table class="matrix"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function legend(tr: T, bonusInGrade: boolean): string {
  const bonus = `<span class="bonus">${BONUS_MARK} ${h(tr(bonusInGrade ? 'report.legend.bonusInGrade' : 'report.legend.bonusApart'))}</span>`;
  return `<p class="legend">${h(tr('report.legend'))} : ` +
    STATUSES.map((s) => `<span class="st-${s}">${SYMBOL[s]} ${h(tr(`report.status.${s}`))}</span>`).join('') + bonus + '</p>';
}

function checkBlock(c: CheckResult, tr: T, lang: Lang): string {
  const parts: string[] = [];
  if (c.message) parts.push(`<p>${h(c.message)}</p>`);
  if (c.expected !== undefined) parts.push(`<p><b>${h(tr('report.expected'))}</b> : <code>${h(c.expected)}</code></p>`);
  if (c.seen !== undefined) parts.push(`<p><b>${h(tr('report.seen'))}</b> : <code>${h(c.seen)}</code></p>`);
  if (c.blocked) {
    parts.push(`<p>${h(tr('report.blockedAt', { call: c.blocked.call, file: c.blocked.file, line: c.blocked.line }))}</p>` +
      (c.blocked.code ? `<pre>${h(c.blocked.code)}</pre>` : ''));
  }
  if (c.hint) parts.push(`<p class="hint"><b>${h(tr('report.hint'))}</b> : ${h(c.hint)}</p>`);
  if (c.traceback) parts.push(`<h4>${h(tr('report.traceback'))}</h4><pre class="traceback">${h(c.traceback.slice(0, 20_000))}</pre>`);
  const svg = renderSequence(c.transcript, {
    connect: 'connect()', close: 'close()', listen: 'listen()', exit: 'exit', stopped: tr('report.stopped'),
    more: (n) => tr('report.more', { n }), repeated: (n) => tr('report.repeated', { n }), actor: (a) => actorName(lang, a),
  });
  parts.push(`<h4>${h(tr('report.exchange'))}</h4>` + (svg ? `<div class="sequence-wrap">${svg}</div>` : `<p>${h(tr('report.noExchange'))}</p>`));
  // the title first; the id after the status, small and grey: what `--explain` takes
  return `<details class="check ${c.status}" open><summary>${h(c.title)}` +
    `<span class="badge st-${c.status}">${h(tr(`report.status.${c.status}`))}</span><code class="check-id">${h(c.id)}</code></summary>${parts.join('')}</details>`;
}

/**
 * "Not done" needs no diagram, and one line per check would bury the page (40 for an empty
 * submission): nothing handed in is one sentence; otherwise one line per exercise and reason.
 */
function notDone(r: RunReport, skipped: CheckResult[], tr: T): string {
  const head = `<h3>${h(tr('report.notDone'))}</h3>`;
  if (skipped.length === r.exercises.flatMap((e) => e.checks).length) {
    return `${head}<p class="skipped nothing-done">${h(tr('report.nothingDone', { count: skipped.length }))}</p>`;
  }
  const lines: string[] = [];
  for (const e of r.exercises) {
    const mine = skipped.filter((c) => e.checks.includes(c));
    for (const message of new Set(mine.map((c) => c.message))) {
      const same = mine.filter((c) => c.message === message);
      const why = message ? ` — ${h(message)}` : '';
      lines.push(same.length === 1
        ? `<li class="check skip"><code>${h(same[0].id)}</code> ${h(same[0].title)}${why}</li>`
        : `<li class="check skip" title="${h(same.map((c) => c.id).join(', '))}"><b>${h(e.folder)}</b>${why} ${h(tr('report.checksCount', { count: same.length }))}</li>`);
    }
  }
  return `${head}<ul class="skipped">${lines.join('')}</ul>`;
}

function studentSection(r: RunReport, i: number, tr: T, lang: Lang, notes: string[]): string {
  const s = r.score;
  const checks = r.exercises.flatMap((e) => e.checks);
  const notPassed = checks.filter((c) => c.status !== 'pass' && c.status !== 'error' && c.status !== 'skip');
  // A check not reached because an earlier step failed repeats that step's exchange: listed briefly.
  const failing = notPassed.filter((c) => c.status !== 'not-reached');
  const notReached = notPassed.filter((c) => c.status === 'not-reached');
  const skipped = checks.filter((c) => c.status === 'skip');
  const errors = [...checks.filter((c) => c.status === 'error').map((c) => `${c.id} : ${c.message}`), ...r.errors];
  const out = [`<section class="student" id="${anchor(i)}" data-student="${h(r.student)}"><h2>${h(r.student)}</h2>`,
    r.ungraded ? `<p><b>${h(r.ungraded)}</b></p>` : `<p><b>${h(tr('report.score', { on20: formatNumber(s.on20, lang), points: formatNumber(s.points, lang), max: formatNumber(s.max, lang) }))}</b>` +
    (s.bonusPoints > 0 ? ` — ${h(tr(s.bonusInGrade ? 'report.bonusInGrade' : 'report.bonusApart', { bonus: formatNumber(s.bonusPoints, lang) }))}` : '') + '</p>'];
  if (notes.length > 0) out.push(`<div class="notes"><b>${h(tr('report.notes'))}</b><ul>${notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul></div>`);
  if (errors.length > 0) {
    out.push(`<div class="checker-errors"><b>${h(tr('report.errors'))}</b> — ${h(tr('report.errorsNote'))}<ul>${errors.map((e) => `<li>${h(e)}</li>`).join('')}</ul></div>`);
  }
  if (!r.ungraded && notPassed.length + skipped.length === 0) out.push(`<p>${h(tr('report.allPassed'))}</p>`);
  if (failing.length > 0) out.push(`<h3>${h(tr('report.failing'))}</h3>` + failing.map((c) => checkBlock(c, tr, lang)).join(''));
  if (notReached.length > 0) {
    out.push(`<h3>${h(tr('report.notReached'))}</h3><ul class="not-reached">` +
      notReached.map((c) => `<li class="check ${c.status}"><code>${h(c.id)}</code> ${h(c.title)}${c.message ? ` — ${h(c.message)}` : ''}</li>`).join('') + '</ul>');
  }
  if (skipped.length > 0) out.push(notDone(r, skipped, tr));
  out.push('</section>');
  return out.join('\n');
}

/** « Généré le <time>2 mars 2026 à 10:00</time> par … »: the reader's date, the exact instant kept in datetime. */
function generatedAt(tr: T, iso: string, lang: Lang, tool: { name: string; version: string }): string {
  const marker = '\u0000date\u0000';
  const [before, after] = h(tr('report.generatedAt', { date: marker, tool: tool.name, version: tool.version })).split(h(marker));
  return `${before}<time datetime="${h(iso)}">${h(formatDate(iso, lang))}</time>${after ?? ''}`;
}

export function renderHtml(reports: RunReport[], opts: ReportOptions = {}): string {
  const sorted = sortReports(reports);
  const lang = opts.lang ?? sorted[0]?.lang ?? 'fr';
  const tr = translator(lang);
  const grades = sorted.filter((r) => !r.ungraded).map((r) => r.score.on20);
  const tool = sorted[0]?.tool ?? { name: 'tp-reseau-check', version: '' };
  const date = opts.generatedAt ?? new Date().toISOString();
  const title = sorted.length === 1 ? tr('report.titleStudent', { student: sorted[0].student }) : tr('report.title');
  const stats = `<dl><dt>${h(tr('report.count'))}</dt><dd>${sorted.length}</dd>` +
    `<dt>${h(tr('report.mean'))}</dt><dd>${formatNumber(mean(grades), lang)}</dd>` +
    `<dt>${h(tr('report.median'))}</dt><dd>${formatNumber(median(grades), lang)}</dd></dl>`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${h(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${h(title)}</h1>
<p class="meta">${generatedAt(tr, date, lang, tool)}</p>
<h2>${h(tr('report.classOverview'))}</h2>
<div class="stats">${stats}<figure><figcaption>${h(tr('report.distribution'))}</figcaption>${renderDistribution(grades, tr('report.distribution'))}</figure></div>
${legend(tr, sorted.some((r) => r.score.bonusInGrade))}
${matrix(sorted, tr, lang)}
<h2>${h(tr('report.students'))}</h2>
${sorted.map((r, i) => studentSection(r, i, tr, lang, opts.submissions?.[r.student]?.notes ?? [])).join('\n')}
</body>
</html>
`;
}
