// Markdown for GitHub Actions' job summary (GITHUB_STEP_SUMMARY): grade, then the failing checks
// with their hints. GitHub caps a step's summary at 1 MiB, so the list is cut well below that.
import type { CheckResult, RunReport } from '../model.js';
import type { ReportOptions } from './types.js';
import { formatNumber, sortReports } from './format.js';
import { translator } from '../i18n/report-keys.js';
import { isolationWarning } from './isolation-warning.js';

const MAX_FAILING = 40;
const MAX_CHARS = 200_000;

/** Markdown table cells must not break the row. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
const inline = (s: string): string => (s.includes('`') ? s : `\`${s}\``);

export function renderGithubSummary(reports: RunReport[], opts: ReportOptions = {}): string {
  const sorted = sortReports(reports);
  const lang = opts.lang ?? sorted[0]?.lang ?? 'fr';
  const tr = translator(lang);
  const n = (v: number) => formatNumber(v, lang);
  const out: string[] = [];
  if (sorted.length === 1) {
    const s = sorted[0].score;
    out.push(`## ${tr('report.summary.heading', { on20: n(s.on20) })}`, '', tr('report.score', { on20: n(s.on20), points: n(s.points), max: n(s.max) }), '');
  } else {
    out.push(`## ${tr('report.summary.headingClass', { count: sorted.length })}`, '');
    out.push(`| ${tr('report.student')} | ${tr('report.points')} | ${tr('report.on20')} |`, '|---|---:|---:|');
    for (const r of sorted) out.push(r.ungraded ? `| ${cell(r.student)} | — | — |` : `| ${cell(r.student)} | ${n(r.score.points)} / ${n(r.score.max)} | ${n(r.score.on20)} |`);
    out.push('');
  }
  const warning = sorted.map((r) => isolationWarning(r, lang)).find(Boolean);
  if (warning) out.push(`> ⚠️ ${warning}`, '');
  for (const r of sorted) {
    const failing: CheckResult[] = r.exercises.flatMap((e) => e.checks).filter((c) => c.status !== 'pass' && c.status !== 'error');
    const errors = r.exercises.flatMap((e) => e.checks).filter((c) => c.status === 'error');
    if (sorted.length > 1 && failing.length === 0 && errors.length === 0) continue;
    out.push(`### ${sorted.length > 1 ? `${cell(r.student)} — ` : ''}${tr('report.summary.failingHeading')}`, '');
    if (failing.length === 0) out.push(tr('report.allPassed'), '');
    else {
      out.push(`| ${tr('report.check')} | ${tr('report.details')} | ${tr('report.hint')} |`, '|---|---|---|');
      for (const c of failing.slice(0, MAX_FAILING)) {
        out.push(`| ${inline(c.id)} ${cell(c.title)} (${tr(`report.status.${c.status}`)}) | ${cell(c.message)} | ${cell(c.hint)} |`);
      }
      if (failing.length > MAX_FAILING) out.push('', tr('report.summary.more', { count: failing.length - MAX_FAILING }));
      out.push('');
    }
    const faults = [...errors.map((c) => `${c.id}: ${c.message}`), ...r.errors];
    if (faults.length > 0) {
      out.push(`**${tr('report.errors')}** — ${tr('report.errorsNote')}`, '', ...faults.map((f) => `- ${cell(f)}`), '');
    }
  }
  let md = out.join('\n');
  if (md.length > MAX_CHARS) md = md.slice(0, MAX_CHARS) + '\n\n…\n';
  return md;
}
