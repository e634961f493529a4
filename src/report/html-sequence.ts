// A check's exchange drawn as a sequence diagram (inline SVG): one column per actor (client | serveur,
// the checker when it types), arrows for what travels between them, boxes for what one side prints.
import type { TranscriptEvent } from '../model.js';
import { escapeXml as x } from './format.js';

const COL = 260;
const ROW = 30;
const TOP = 40;
const MAX_EVENTS = 150;
const MAX_ARROW_LABEL = 34; // ~7.2 px a character at 12 px monospace: fits between two lifelines
const MAX_NOTE_LABEL = 32; // fits in a box centred on one lifeline

const KIND_CLASS: Record<TranscriptEvent['kind'], string> = {
  message: 'sq-msg', connect: 'sq-conn', close: 'sq-conn', listen: 'sq-note', stdin: 'sq-stdin',
  stdout: 'sq-out', stderr: 'sq-err', blocked: 'sq-blocked', exit: 'sq-note', note: 'sq-note',
};

/** Left to right: the checker typing, the clients, then the servers (the lab's drawings). */
function rank(actor: string): number {
  const a = actor.toLowerCase();
  if (a.startsWith('vérificateur') || a.startsWith('checker')) return 0;
  if (a.startsWith('client')) return 1;
  if (a.startsWith('serveur') || a.startsWith('server') || a.startsWith('relais')) return 3;
  return 2;
}

export function actorsOf(events: TranscriptEvent[]): string[] {
  const seen: string[] = [];
  for (const e of events) for (const a of [e.from, e.to]) if (a && !seen.includes(a)) seen.push(a);
  return seen.map((a, i) => ({ a, i })).sort((p, q) => rank(p.a) - rank(q.a) || p.i - q.i).map((p) => p.a);
}

const short = (s: string, max: number): string => {
  const one = s.replace(/\r?\n/g, '⏎');
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
};

/** Labels for the kinds that carry no text of their own. */
export interface SequenceLabels { connect: string; close: string; listen: string; exit: string; stopped: string; more: (n: number) => string }

export function renderSequence(events: TranscriptEvent[], labels: SequenceLabels): string {
  const shown = events.slice(0, MAX_EVENTS);
  const actors = actorsOf(shown);
  if (actors.length === 0) return '';
  const col = new Map(actors.map((a, i) => [a, COL / 2 + i * COL]));
  const rows = shown.length + (events.length > shown.length ? 1 : 0);
  const width = actors.length * COL;
  const height = TOP + rows * ROW + 20;
  const parts: string[] = [];
  actors.forEach((a) => {
    const cx = col.get(a)!;
    parts.push(`<text class="sq-actor" x="${cx}" y="20" text-anchor="middle">${x(a)}</text>`);
    parts.push(`<line class="sq-life" x1="${cx}" y1="28" x2="${cx}" y2="${height - 8}"/>`);
  });
  shown.forEach((e, i) => {
    const y = TOP + i * ROW + ROW / 2;
    const cls = KIND_CLASS[e.kind];
    const text = (e.kind === 'exit' && e.text === 'stopped' ? labels.stopped : e.text) || (e.kind === 'connect' ? labels.connect : e.kind === 'close' ? labels.close : e.kind === 'listen' ? labels.listen : e.kind === 'exit' ? labels.exit : '');
    const full = e.text.length > 2000 ? e.text.slice(0, 2000) + '…' : e.text; // a flood must not bloat the page
    const tip = `<title>${x(`${(e.at / 1000).toFixed(2)} s — ${e.kind}: ${full}`)}</title>`;
    const from = col.get(e.from)!;
    const to = e.to !== undefined ? col.get(e.to) : undefined;
    if (to !== undefined && to !== from) {
      const dir = to > from ? 1 : -1;
      parts.push(`<g class="${cls}">${tip}<line x1="${from}" y1="${y + 6}" x2="${to - dir * 6}" y2="${y + 6}" marker-end="url(#sq-arrow)"/>` +
        `<text x="${(from + to) / 2}" y="${y + 1}" text-anchor="middle">${x(short(text, MAX_ARROW_LABEL))}</text></g>`);
    } else {
      const label = short(text, MAX_NOTE_LABEL);
      const w = Math.min(COL - 12, 14 + label.length * 7.3);
      parts.push(`<g class="${cls}">${tip}<rect x="${from - w / 2}" y="${y - 9}" width="${w}" height="20" rx="4"/>` +
        `<text x="${from}" y="${y + 5}" text-anchor="middle">${x(label)}</text></g>`);
    }
  });
  if (events.length > shown.length) {
    parts.push(`<text class="sq-more" x="${width / 2}" y="${TOP + shown.length * ROW + ROW / 2}" text-anchor="middle">${x(labels.more(events.length - shown.length))}</text>`);
  }
  return `<svg class="sequence" role="img" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs><marker id="sq-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>` +
    parts.join('') + '</svg>';
}
