// The steps of a data scenario, run against the check API: each step names a verb of
// checks/lib/api.ts (docs/lab-format.md lists them); a `check:` step decides one check with the verbs
// it holds. The verbs carry the diagnosis; this file only keeps the scenario's actors and counts.
import {
  type Lab, type Program, type Peer, type Listener, type Listening, type Scenario, scenario, fail, addr,
  expectEcho, expectLongEcho, expectEndWordEndsServer, expectPrinted, decidePrinted, expectClosedAndExit0,
  leaveWithoutWord, expectNoBusyLoop, expectNoException, expectNoErrorExit, expectListensOnAllInterfaces,
  expectAsksLine, typeAndExpectSent, nextPrompt, readsEachReplyBeforeNextLine, expectEndWordEndsClient,
  expectListensOnPort, expectConnectsToPort, expectReply, type StudentFile, type Connected,
  expectSomeData, expectTargetsNeighbour, expectTypedMessageSent, expectConnectsToServer, expectGotReply, RELAY,
} from '../../checks/lib/api.js';
import type { ScenarioFile, StepFile, Value } from './types.js';
import { resolveValue, type Scope } from './values.js';

type Facts = Record<string, string>;

/** One started program and what the steps learnt about it. */
interface Started {
  program: Program;
  listening?: Listening;
  connected?: Connected;
}

/** What a scenario's steps share: its programs and peer, and what the client steps counted. */
interface State {
  lab: Lab;
  scope: Scope;
  check?: string;
  /** the programs started, by file; `file` is the one the steps are about (the last started, or focused) */
  started: Partial<Record<StudentFile, Started>>;
  file?: StudentFile;
  peer?: Peer;
  listener?: Listener;
  /** the last bytes taken by `expect some data` */
  data?: Buffer;
  /** lines typed and sent so far */
  typed: number;
  /** the client asked for no line before reading the reply to the previous one */
  waitedEachTime: boolean;
  lastPrompt?: Awaited<ReturnType<typeof nextPrompt>>;
}

type Arg = unknown;
type Verb = (s: State, arg: Arg) => Promise<Facts | void> | Facts | void;

const need = <T>(what: T | undefined, name: string): T => {
  // the loader checks the order of steps (lab/check-steps.ts); this guards a script error
  if (what === undefined) throw new Error(`step needs ${name} first`);
  return what;
};
const current = (s: State): Started => need(s.file && s.started[s.file], 'start');
const program = (s: State) => current(s).program;
const peer = (s: State) => need(s.peer, 'connect or accepted');
const obj = (arg: Arg): Record<string, unknown> => (typeof arg === 'object' && arg !== null && !Array.isArray(arg) ? (arg as Record<string, unknown>) : {});
const str = (v: unknown): string => String(v);
const noPrintKey = (s: State) => (s.file === 'client.py' ? 'ex.client-no-print' : 'ex.server-no-print');
/** `{ deadline: relay }`: what goes through two programs gets the longer deadline */
const deadline = (s: State, arg: Arg): number | undefined => (obj(arg).deadline === 'relay' ? s.lab.ms(RELAY) : undefined);

async function listening(s: State, file?: StudentFile): Promise<Listening> {
  const it = file ? need(s.started[file], `start: ${file}`) : current(s);
  it.listening ??= await it.program.listens();
  return it.listening;
}

/** What `$serveur.address`, `$client.target`... name: facts about a started program, read when used. */
function programFacts(s: State, file: StudentFile): Record<string, string | undefined> {
  const it = s.started[file];
  const l = it?.listening;
  const c = it?.connected ?? it?.program.firstConnect;
  return {
    address: l && addr(l.host, l.port),
    firstClient: it?.program.firstClient,
    target: c && addr(c.host, c.port),
    local: c?.local ? addr(c.local[0], c.local[1]) : undefined,
  };
}

/** The verbs a step can name, by their name in a data file. */
export const VERBS: Record<string, Verb> = {
  async start(s, arg) {
    const o = typeof arg === 'string' ? { file: arg } : obj(arg);
    const file = str(o.file) as StudentFile;
    // where its connect() goes: the stand-in server, or the server program (on the port it asked for only)
    let connect: Record<string, number> | undefined;
    if (o.connect === 'listener') connect = { '*': need(s.listener, 'listener').port };
    if (o.connect === 'serveur') {
      const l = await listening(s, 'serveur.py');
      connect = { [String(l.port)]: l.real };
    }
    const lines = Array.isArray(o.lines) ? o.lines.map(str) : undefined;
    const recordSends = o['record sends'] === undefined ? undefined : { to: str(o['record sends']) };
    s.started[file] = { program: await s.lab.start(file, { connect, lines, recordSends }) };
    s.file = file;
  },
  focus(s, arg) {
    s.file = str(arg) as StudentFile;
    s.lab.focus(program(s));
  },
  async listener(s) {
    s.listener = await s.lab.listener();
  },
  async accepted(s) {
    s.peer = await need(s.listener, 'listener').accepted(program(s));
  },
  async connect(s) {
    s.peer = await s.lab.connect((await listening(s)).real);
  },
  async listens(s) {
    await listening(s);
  },
  async connects(s) {
    current(s).connected = await program(s).connects();
  },
  receives: (s) => program(s).receives(),
  async 'expect some data'(s, arg) {
    const o = obj(arg);
    s.data = await expectSomeData(peer(s), str(o.missing), str(o.hint));
  },
  async 'expect connects to the server'(s) {
    current(s).connected = await expectConnectsToServer(program(s), await listening(s, 'serveur.py'));
  },
  'expect got a reply': (s) => expectGotReply(program(s)),
  send: (s, arg) => peer(s).send(str(arg)),
  type: (s, arg) => program(s).type(str(arg)),
  close: (s) => peer(s).close(),
  'expect text': (s, arg) => peer(s).expectText(str(arg)),
  'expect echo': (s, arg) => expectEcho(peer(s), str(arg)),
  async 'expect long echo'(s, arg) {
    await expectLongEcho(program(s), peer(s), str(arg));
    return { bytes: String(Buffer.byteLength(str(arg))) };
  },
  async 'expect reply'(s, arg) {
    const o = obj(arg);
    const want = { text: o.text === undefined ? undefined : str(o.text), matches: o.matches === undefined ? undefined : str(o.matches), shown: o.shown === undefined ? undefined : str(o.shown) };
    return { reply: await expectReply(program(s), peer(s), str(o.to), want) };
  },
  'send end word': (s, arg) => expectEndWordEndsServer(program(s), peer(s), str(arg)),
  'expect print': (s, arg) => {
    const o = typeof arg === 'string' ? { text: arg } : obj(arg);
    return expectPrinted(program(s), str(o.text), o.missing === undefined ? noPrintKey(s) : str(o.missing));
  },
  'expect closed and exit 0': (s, arg) => expectClosedAndExit0(program(s), s.peer, deadline(s, arg)),
  'leave without a word': (s) => leaveWithoutWord(program(s), peer(s)),
  'expect no busy loop': (s, arg) => expectNoBusyLoop(program(s), typeof arg === 'string' ? arg : 'ex3.spin'),
  'expect no crash': (s, arg) => {
    const o = obj(arg);
    const params = Object.fromEntries(Object.entries(obj(o.params)).map(([k, v]) => [k, str(v)]));
    expectNoException(program(s), str(o.key), { hint: str(o.hint), params });
  },
  'expect no error exit': (s) => expectNoErrorExit(program(s)),
  'expect asks a line': (s, arg) => expectAsksLine(program(s), peer(s), typeof arg === 'number' ? arg : s.typed + 1),
  async 'type a line, expect it sent'(s, arg) {
    const o = typeof arg === 'string' ? { line: arg } : obj(arg);
    const nth = s.typed + 1;
    const cli = program(s);
    await typeAndExpectSent(s.lab, cli, peer(s), str(o.line), nth, o['also fails'] === undefined ? need(s.check, 'check') : str(o['also fails']));
    s.typed = nth;
    // it must read our reply before asking for the next line: the module reports both in order
    if (cli.linesAsked > nth) s.waitedEachTime = false;
  },
  async 'type end word'(s, arg) {
    const cli = program(s);
    s.lastPrompt ??= await nextPrompt(cli, peer(s), s.typed + 1);
    if (s.lastPrompt !== 'input') throw fail('ex3.client-stopped', { n: s.typed }, { hint: 'no-loop' });
    await expectEndWordEndsClient(cli, peer(s), str(arg), s.typed);
  },
};

/**
 * Verbs that decide their check themselves, without ending the scenario on a failure. `facts()`:
 * the check step's own facts, read once the decider has waited for what it judges.
 */
export const DECIDERS: Record<string, (s: State, id: string, arg: Arg, facts: () => Facts) => Promise<void>> = {
  // an address is a fact about the program: a wrong one fails its check, the exchange goes on
  async 'expect listens on port'(s, id, arg, facts) {
    const l = await listening(s);
    s.lab.decide(id, () => expectListensOnPort(l, Number(arg)), { address: addr(l.host, l.port), ...facts() });
  },
  async 'expect listens on all interfaces'(s, id, _arg, facts) {
    const l = await listening(s);
    s.lab.decide(id, () => expectListensOnAllInterfaces(l), { address: addr(l.host, l.port), ...facts() });
  },
  async 'expect connects to port'(s, id, arg, facts) {
    const to = (current(s).connected ??= await program(s).connects());
    s.lab.decide(id, () => expectConnectsToPort(to, Number(arg)), { target: addr(to.host, to.port), ...facts() });
  },
  async 'expect connects to a neighbour'(s, id, _arg, facts) {
    const to = (current(s).connected ??= await program(s).connects());
    s.lab.decide(id, () => expectTargetsNeighbour(to), { target: addr(to.host, to.port), ...facts() });
  },
  async 'expect typed message sent'(s, id, arg, facts) {
    const sent = need(s.data, 'expect some data');
    const own = facts();
    s.lab.decide(id, () => expectTypedMessageSent(sent, str(arg), program(s).linesAsked > 0), Object.keys(own).length ? own : undefined);
  },
  async 'expect prints'(s, id, arg) {
    const o = Array.isArray(arg) ? { texts: arg } : obj(arg);
    const texts = Array.isArray(o.texts) ? o.texts.map(str) : [str(o.texts)];
    await decidePrinted(s.lab, id, program(s), texts, o.missing === undefined ? noPrintKey(s) : str(o.missing));
  },
  async 'expect waits for each reply'(s, id) {
    const cli = program(s);
    s.lastPrompt = await nextPrompt(cli, peer(s), s.typed + 1);
    const waited = s.waitedEachTime && readsEachReplyBeforeNextLine(cli, s.typed);
    s.lab.verdict(id, waited, () => fail('ex3.client-no-wait', {}, { hint: 'no-wait' }));
  },
};

/** Keys of a check step that are not its verb. */
export const CHECK_KEYS = ['check', 'for each', 'do', 'facts'] as const;

/** A step's verb and argument: `connect` -> ['connect', undefined]; `{ send: x }` -> ['send', x]. */
export function verbOf(step: StepFile): [string, Value | undefined] {
  if (typeof step === 'string') return [step, undefined];
  const key = Object.keys(step).find((k) => !(CHECK_KEYS as readonly string[]).includes(k));
  return key === undefined ? ['', undefined] : [key, step[key]];
}

async function runSteps(s: State, steps: StepFile[]): Promise<Facts> {
  const facts: Facts = {};
  for (const step of steps) {
    const [verb, arg] = verbOf(step);
    Object.assign(facts, (await VERBS[verb](s, resolveValue(arg, s.scope))) ?? {});
  }
  return facts;
}

/** A `check:` step: its verbs (once, or for each item of a list), then its facts. */
async function runCheck(s: State, step: Record<string, Value>): Promise<void> {
  const id = String(step.check);
  s.check = id;
  const [verb, arg] = verbOf(step);
  const factsOf = (): Facts =>
    Object.fromEntries(Object.entries(step.facts && typeof step.facts === 'object' ? step.facts : {}).map(([k, v]) => [k, String(resolveValue(v as Value, s.scope) ?? '?')]));
  if (verb in DECIDERS) return DECIDERS[verb](s, id, resolveValue(arg, s.scope), factsOf);
  const body: StepFile[] = Array.isArray(step.do) ? (step.do as StepFile[]) : [{ [verb]: arg ?? null }];
  await s.lab.step(id, async () => {
    const facts: Facts = {};
    if (step['for each'] === undefined) Object.assign(facts, await runSteps(s, body));
    else {
      const items = resolveValue(step['for each'], s.scope);
      const list = Array.isArray(items) ? items : [items];
      const outer = s.scope;
      try {
        for (const [i, it] of list.entries()) {
          s.scope = { ...outer, it: it as Value, n: i + 1 };
          Object.assign(facts, await runSteps(s, body));
        }
      } finally {
        s.scope = outer;
      }
    }
    return { ...facts, ...factsOf() };
  });
}

/** `start`'s file, from `start: serveur.py` or `start: { file: ... }`. */
export const startedFile = (arg: Value | undefined): string => (typeof arg === 'string' ? arg : String((arg as Record<string, Value> | null)?.file));

/** The student's files a scenario starts, from its `start` steps. */
export function filesOf(steps: StepFile[]): StudentFile[] {
  const files = steps.map(verbOf).filter(([v]) => v === 'start').map(([, a]) => startedFile(a));
  return [...new Set(files)] as StudentFile[];
}

/** The checks a scenario decides, in order: its `check:` steps. */
export function decidedBy(steps: StepFile[]): string[] {
  return steps.flatMap((st) => (typeof st === 'object' && typeof st.check === 'string' ? [st.check] : []));
}

/** A data scenario as the runner's Scenario: its steps run in order against a fresh state. */
export function dataScenario(def: ScenarioFile, values: Record<string, Value>): Scenario {
  const steps = def.steps ?? [];
  return scenario({ name: def.name, files: filesOf(steps), checks: decidedBy(steps) }, async (lab) => {
    const s: State = { lab, scope: { values, config: lab.config }, started: {}, typed: 0, waitedEachTime: true };
    s.scope.live = {
      serveur: () => programFacts(s, 'serveur.py'),
      client: () => programFacts(s, 'client.py'),
      data: () => s.data?.toString('utf8'),
    };
    for (const step of steps) {
      if (typeof step === 'object' && 'check' in step) await runCheck(s, step);
      else await runSteps(s, [step]);
    }
  });
}
