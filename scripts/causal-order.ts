// Causal rules that every transcript must follow, whatever the machine's load: the order shown is
// the order the programs did things. Shared by the transcript-order test and the stress script.
import type { TranscriptEvent } from '../src/model.js';

type Rule = (events: TranscriptEvent[]) => string[];

const show = (e: TranscriptEvent, i: number): string => `#${i} ${e.kind} ${e.from}${e.to ? ' → ' + e.to : ''} ${JSON.stringify(e.text)}`;

/** Each program's exit is its last entry. */
const exitLast: Rule = (ev) => {
  const out: string[] = [];
  ev.forEach((e, i) => {
    if (e.kind !== 'exit') return;
    const later = ev.findIndex((x, j) => j > i && x.from === e.from && x.kind !== 'note');
    if (later >= 0) out.push(`${show(ev[later], later)} comes after ${show(e, i)}`);
  });
  return out;
};

/** A connect to a server comes after that server's listen (when the server is a program that listens). */
const listenBeforeConnect: Rule = (ev) => {
  const out: string[] = [];
  ev.forEach((e, i) => {
    if (e.kind !== 'connect' || !e.to || e.text.includes('→')) return;
    const listen = ev.findIndex((x) => x.kind === 'listen' && x.from === e.to);
    if (listen > i) out.push(`${show(e, i)} comes before ${show(ev[listen], listen)}`);
  });
  return out;
};

/** The first message between two actors comes after a connect between them. */
const connectBeforeMessage: Rule = (ev) => {
  const out: string[] = [];
  ev.forEach((e, i) => {
    if (e.kind !== 'message' || !e.to) return;
    const c = ev.findIndex((x) => x.kind === 'connect' && !x.text.includes('→') &&
      ((x.from === e.from && (x.to === e.to || !x.to)) || (x.from === e.to && (x.to === e.from || !x.to))));
    if (c < 0 || c > i) out.push(`${show(e, i)} comes before any connect between ${e.from} and ${e.to}`);
  });
  return out;
};

/** A program prints a text it received only after the message that brought it. */
const messageBeforeItsPrint: Rule = (ev) => {
  const out: string[] = [];
  ev.forEach((e, i) => {
    if (e.kind !== 'stdout') return;
    const m = ev.find((x) => x.kind === 'message' && x.to === e.from && x.text.length >= 4 && e.text.includes(x.text));
    if (!m) return;
    const first = ev.findIndex((x) => x.kind === 'message' && x.to === e.from && x.text === m.text);
    if (first > i) out.push(`${show(e, i)} comes before ${show(ev[first], first)}`);
  });
  return out;
};

/** A server forwards (echo, relay) a text a client sent only after it received it. */
const receivedBeforeForwarded: Rule = (ev) => {
  const out: string[] = [];
  ev.forEach((e, i) => {
    if (e.kind !== 'message' || e.from !== 'serveur' || e.text.length < 2) return;
    const inbound = ev.findIndex((x) => x.kind === 'message' && x.to === e.from && x.text === e.text);
    if (inbound > i) out.push(`${show(e, i)} comes before ${show(ev[inbound], inbound)}, which brought it`);
  });
  return out;
};

/**
 * Code order in the lab's programs (reference/ and student-template/): lines printed before or
 * after a socket call in the program's source.
 */
const codeOrder: Rule = (ev) => {
  const out: string[] = [];
  const idx = (pred: (e: TranscriptEvent) => boolean): number => ev.findIndex(pred);
  const before = (a: number, b: number, why: string): void => {
    if (a >= 0 && b >= 0 && a > b) out.push(`${why}: ${show(ev[b], b)} before ${show(ev[a], a)}`);
  };
  for (const actor of new Set(ev.map((e) => e.from))) {
    const mine = (kind: TranscriptEvent['kind'], re?: RegExp) => (e: TranscriptEvent) => e.from === actor && e.kind === kind && (!re || re.test(e.text));
    // server: listen(), then print "Serveur démarré"
    before(idx(mine('listen')), idx(mine('stdout', /^Serveur démarré/)), 'listen() precedes the start-up print');
    // server: the print "Connexion avec client" follows a client's connect
    const hello = idx(mine('stdout', /^Connexion avec client/));
    if (hello >= 0) before(idx((e) => e.kind === 'connect' && e.from !== actor && !e.text.includes('→')), hello, 'a connect precedes the accept print');
    // client: connect(), then print its own address
    before(idx(mine('connect')), idx(mine('stdout', /^Client connecté depuis/)), 'connect() precedes the address print');
    // server of parts 1-3: print what the client wrote, then send
    const wrote = idx(mine('stdout', /^Client a écrit/));
    const sent = idx(mine('message'));
    if (wrote >= 0) before(wrote, sent, 'the print of the received message precedes the reply');
    // client of part 1-2: print the reply, then close
    const replied = idx(mine('stdout', /^Serveur répond/));
    const close = idx(mine('close'));
    if (replied >= 0) before(replied, close, 'the print of the reply precedes close()');
  }
  return out;
};

export const CAUSAL_RULES: Record<string, Rule> = {
  exitLast,
  listenBeforeConnect,
  connectBeforeMessage,
  messageBeforeItsPrint,
  receivedBeforeForwarded,
  codeOrder,
};

/** Every broken rule, one line each (empty when the transcript is in causal order). */
export function causalProblems(events: TranscriptEvent[]): string[] {
  return Object.entries(CAUSAL_RULES).flatMap(([name, rule]) => rule(events).map((p) => `${name}: ${p}`));
}
