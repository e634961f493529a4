// Plain-text explanation of one check (message, expected/seen, hint, where blocked, traceback,
// exchange), shared by the text-based formats (JUnit, Gradescope).
import type { CheckResult, Lang, TranscriptEvent } from '../model.js';
import { translator } from '../i18n/report-keys.js';

export function transcriptLine(e: TranscriptEvent): string {
  const time = `${(e.at / 1000).toFixed(2)}s`;
  const arrow = e.to ? `${e.from} -> ${e.to}` : e.from;
  return `[${time}] ${e.kind} ${arrow}${e.text ? `: ${e.text}` : ''}`;
}

export function checkDetails(c: CheckResult, lang: Lang, withTranscript = true): string {
  const tr = translator(lang);
  const out: string[] = [];
  if (c.message) out.push(c.message);
  if (c.expected !== undefined) out.push(`${tr('report.expected')} : ${c.expected}`);
  if (c.seen !== undefined) out.push(`${tr('report.seen')} : ${c.seen}`);
  if (c.blocked) {
    out.push(tr('report.blockedAt', { call: c.blocked.call, file: c.blocked.file, line: c.blocked.line }) + (c.blocked.code ? `\n    ${c.blocked.code}` : ''));
  }
  if (c.hint) out.push(`${tr('report.hint')} : ${c.hint}`);
  if (c.traceback) out.push(`${tr('report.traceback')} :\n${c.traceback.trimEnd()}`);
  if (withTranscript && c.transcript.length > 0) {
    out.push(`${tr('report.exchange')} :\n${c.transcript.map(transcriptLine).join('\n')}`);
  }
  return out.join('\n');
}
