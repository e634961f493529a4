// junit.xml for CI dashboards: one <testsuite> per student, one <testcase> per check.
// Mapping: fail/timeout/crash and skip (not done: it costs points) -> <failure>, error (checker
// fault) -> <error>, not-reached (not verified because an earlier step failed) -> <skipped>.
import type { CheckResult, RunReport, Status } from '../model.js';
import type { ReportOptions } from './types.js';
import { escapeXml as x, sortReports } from './format.js';
import { checkDetails } from './details.js';
import { translator } from '../i18n/report-keys.js';
import { isolationWarning } from './isolation-warning.js';

const seconds = (ms: number): string => (ms / 1000).toFixed(3);
const FAILURES: readonly Status[] = ['fail', 'timeout', 'crash', 'skip'];
const isFailure = (c: CheckResult): boolean => FAILURES.includes(c.status);
const isSkipped = (c: CheckResult): boolean => c.status === 'not-reached';

function testcase(r: RunReport, exerciseId: string, c: CheckResult, opts: ReportOptions): string {
  const lang = opts.lang ?? r.lang;
  const tr = translator(lang);
  const attrs = `name="${x(`${c.id} — ${c.title}`)}" classname="${x(`${r.student}.${exerciseId}`)}" time="${seconds(c.durationMs)}"`;
  const details = checkDetails(c, lang);
  const statusText = tr(`report.status.${c.status}`);
  let body = '';
  if (isFailure(c)) {
    body = `<failure message="${x(c.message || statusText)}" type="${c.status}">${x(details)}</failure>`;
  } else if (c.status === 'error') {
    body = `<error message="${x(c.message || statusText)}" type="checker-error">${x(details)}</error>`;
  } else if (c.status === 'not-reached') {
    body = `<skipped message="${x(c.message || statusText)}"/>`;
  }
  const props = `<properties><property name="points" value="${c.points}"/><property name="maxPoints" value="${c.maxPoints}"/><property name="bonus" value="${c.bonus}"/></properties>`;
  return `    <testcase ${attrs}>${props}${body}</testcase>`;
}

export function renderJunit(reports: RunReport[], opts: ReportOptions = {}): string {
  const sorted = sortReports(reports);
  const timestamp = (opts.generatedAt ?? new Date().toISOString()).replace(/\.\d+Z$|Z$/, '');
  const count = (r: RunReport, pred: (c: CheckResult) => boolean) => r.exercises.flatMap((e) => e.checks).filter(pred).length;
  const suites = sorted.map((r) => {
    const cases = r.exercises.flatMap((e) => e.checks.map((c) => testcase(r, e.id, c, opts)));
    const tests = count(r, () => true);
    const failures = count(r, isFailure) + (r.ungraded ? 1 : 0);
    const errors = count(r, (c) => c.status === 'error') + r.errors.length;
    const skipped = count(r, isSkipped);
    const props = [
      ['points', r.score.points], ['max', r.score.max], ['on20', r.score.on20], ['bonusPoints', r.score.bonusPoints],
      ['isolation', isolationWarning(r, opts.lang ?? r.lang) ?? r.isolation],
    ].map(([n, v]) => `<property name="${n}" value="${x(String(v))}"/>`).join('');
    // Checker faults not tied to a check become an <error> testcase, so dashboards show them.
    const faults = r.errors.map((msg, i) => `    <testcase name="${x(`checker-error-${i + 1}`)}" classname="${x(r.student)}" time="0"><error message="${x(msg)}" type="checker-error"/></testcase>`);
    // A submission that could not be read: one failing case, so that dashboards do not show it green.
    if (r.ungraded) faults.push(`    <testcase name="submission" classname="${x(r.student)}" time="0"><failure message="${x(r.ungraded)}" type="unreadable"/></testcase>`);
    return [
      `  <testsuite name="${x(r.student)}" tests="${tests + faults.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(r.durationMs)}" timestamp="${x(timestamp)}">`,
      `    <properties>${props}</properties>`,
      ...cases,
      ...faults,
      '  </testsuite>',
    ].join('\n');
  });
  const total = (f: (r: RunReport) => number) => sorted.reduce((s, r) => s + f(r), 0);
  const head = `<testsuites name="tp-reseau-check" tests="${total((r) => count(r, () => true) + r.errors.length + (r.ungraded ? 1 : 0))}" failures="${total((r) => count(r, isFailure) + (r.ungraded ? 1 : 0))}" errors="${total((r) => count(r, (c) => c.status === 'error') + r.errors.length)}" skipped="${total((r) => count(r, isSkipped))}" time="${seconds(total((r) => r.durationMs))}">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites, '</testsuites>', ''].join('\n');
}
