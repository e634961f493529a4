// A check's exchange drawn as a sequence diagram (inline SVG): one column per actor (client | serveur,
// the checker when it types), arrows for what travels between them, boxes for what one side prints.
import { leftOutCount, repeatRuns, type TranscriptEvent } from '../model.js';
import { escapeXml as x } from './format.js';

const COL = 260; // least distance between two lifelines
const ROW = 30;
const TOP = 40;
const MAX_EVENTS = 150;
const CHAR = 7.3; // px per character at 12 px monospace
const MAX_LABEL = 64; // longer labels (floods, long lines) are cut; the full text is in the tooltip
const GAP = 12;

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

const oneLine = (s: string): string => s.replace(/\r?\n/g, '⏎');
const short = (s: string, max: number): string => {
  const one = oneLine(s);
  return one.length > max ? one.slice(0, Math.max(1, max - 1)) + '…' : one;
};
const noteWidth = (label: string): number => Math.round(14 + label.length * CHAR);

/** Labels for the kinds that carry no text of their own, and the actors' names in the report's language. */
export interface SequenceLabels {
  connect: string; close: string; listen: string; exit: string; stopped: string; more: (n: number) => string;
  /** a suffix for an event repeated n times in a row */
  repeated: (n: number) => string;
  actor?: (name: string) => string;
}

function textOf(e: TranscriptEvent, labels: SequenceLabels): string {
  if (e.kind === 'exit' && e.text === 'stopped') return labels.stopped;
  const left = leftOutCount(e);
  if (left !== undefined) return labels.more(left);
  if (e.text) return e.text;
  return e.kind === 'connect' ? labels.connect : e.kind === 'close' ? labels.close : e.kind === 'listen' ? labels.listen : e.kind === 'exit' ? labels.exit : '';
}

/**
 * Where each lifeline goes: at least COL apart, and further when that lifeline's notes (boxes
 * centred on it) or the labels of arrows between two neighbours need the room to be read in full.
 */
function layout(events: TranscriptEvent[], actors: string[], labels: SequenceLabels): { x: Map<string, number>; width: number } {
  const half = actors.map(() => COL / 2 - GAP / 2);
  const between = actors.map(() => 0); // room wanted between lifeline i and i+1
  const index = new Map(actors.map((a, i) => [a, i]));
  for (const e of events) {
    const label = short(textOf(e, labels), MAX_LABEL);
    const from = index.get(e.from)!;
    const to = e.to !== undefined ? index.get(e.to) : undefined;
    if (to === undefined || to === from) half[from] = Math.max(half[from], noteWidth(label) / 2);
    else if (Math.abs(to - from) === 1) between[Math.min(to, from)] = Math.max(between[Math.min(to, from)], (label.length + 1) * CHAR + 2 * GAP);
  }
  const x = new Map<string, number>();
  let at = Math.max(COL / 2, half[0] + GAP / 2);
  actors.forEach((a, i) => {
    if (i > 0) at += Math.max(COL, half[i - 1] + half[i] + GAP, between[i - 1]);
    x.set(a, Math.round(at));
  });
  return { x, width: Math.round(at + Math.max(COL / 2, half[actors.length - 1] + GAP / 2)) };
}

export function renderSequence(all: TranscriptEvent[], labels: SequenceLabels): string {
  // a print loop is one box, its label saying how many times
  const events = repeatRuns(all).map(({ event: e, n }) => (n > 1 ? { ...e, text: `${textOf(e, labels)}  ${labels.repeated(n)}` } : e));
  const shown = events.slice(0, MAX_EVENTS);
  const actors = actorsOf(shown);
  if (actors.length === 0) return '';
  const { x: col, width } = layout(shown, actors, labels);
  const rows = shown.length + (events.length > shown.length ? 1 : 0);
  const height = TOP + rows * ROW + 20;
  const name = labels.actor ?? ((a: string) => a);
  const parts: string[] = [];
  actors.forEach((a) => {
    const cx = col.get(a)!;
    parts.push(`<text class="sq-actor" x="${cx}" y="20" text-anchor="middle">${x(name(a))}</text>`);
    parts.push(`<line class="sq-life" x1="${cx}" y1="28" x2="${cx}" y2="${height - 8}"/>`);
  });
  shown.forEach((e, i) => {
    const y = TOP + i * ROW + ROW / 2;
    const cls = KIND_CLASS[e.kind];
    const text = textOf(e, labels);
    // a flood must not bloat the page; a note says in words what it stands for
    const full = e.kind === 'note' ? text : e.text.length > 2000 ? e.text.slice(0, 2000) + '…' : e.text;
    const tip = `<title>${x(`${(e.at / 1000).toFixed(2)} s — ${e.kind}: ${full}`)}</title>`;
    const from = col.get(e.from)!;
    const to = e.to !== undefined ? col.get(e.to) : undefined;
    if (to !== undefined && to !== from) {
      const dir = to > from ? 1 : -1;
      const room = Math.floor((Math.abs(to - from) - 2 * GAP) / CHAR);
      // the arrow head is drawn, not a <marker>: a marker needs an id, and ids must be unique in the page
      const tip2 = to - dir * 2;
      parts.push(`<g class="${cls}">${tip}<line x1="${from}" y1="${y + 6}" x2="${tip2 - dir * 8}" y2="${y + 6}"/>` +
        `<path class="sq-head" d="M${tip2},${y + 6} L${tip2 - dir * 9},${y + 2} L${tip2 - dir * 9},${y + 10} z"/>` +
        `<text x="${(from + to) / 2}" y="${y + 1}" text-anchor="middle">${x(short(text, Math.min(MAX_LABEL, room)))}</text></g>`);
    } else {
      const label = short(text, MAX_LABEL);
      const w = noteWidth(label);
      parts.push(`<g class="${cls}">${tip}<rect x="${from - w / 2}" y="${y - 9}" width="${w}" height="20" rx="4"/>` +
        `<text x="${from}" y="${y + 5}" text-anchor="middle">${x(label)}</text></g>`);
    }
  });
  if (events.length > shown.length) {
    parts.push(`<text class="sq-more" x="${width / 2}" y="${TOP + shown.length * ROW + ROW / 2}" text-anchor="middle">${x(labels.more(events.length - shown.length))}</text>`);
  }
  return `<svg class="sequence" role="img" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    parts.join('') + '</svg>';
}
