// The check API's verbs as data: what a lab data file's step would name (docs/lab-format.md), its
// parameters, and the failures it can give (message key + hint). A verb that takes its failure key
// as a parameter lists it under `keyParams`. test/checks/vocabulary.test.ts keeps this in step with
// the code (every verb exported by api.ts, every key it throws listed, every key in the catalogues).

export interface VerbFailure {
  key: string;
  hint: string;
}

export interface VerbDef {
  /** the function exported by lib/api.ts */
  verb: string;
  /** the step's name in a data file */
  step: string;
  params: string[];
  failures: VerbFailure[];
  /** parameters that name the failure's message key (the exercise's own sentence) */
  keyParams?: string[];
  /** also ends on a time-out: the engine's diagnosis (what it waited for, the line it is blocked on) */
  timeout?: boolean;
}

const f = (key: string, hint: string): VerbFailure => ({ key, hint });

export const VOCABULARY: readonly VerbDef[] = [
  // a server and the checker's peer
  { verb: 'expectEcho', step: 'expect echo', params: ['peer', 'msg'], timeout: true,
    failures: [f('ex3.closed-after-one', 'no-loop'), f('ex3.not-echo', 'not-echo')] },
  { verb: 'expectLongEcho', step: 'expect long echo', params: ['program', 'peer', 'msg'], timeout: true,
    failures: [f('ex3.closed-after-one', 'no-loop'), f('ex3.not-echo', 'not-echo'), f('ex3.long-cut', 'recv-size')] },
  { verb: 'expectEndWordEndsServer', step: 'send end word', params: ['program', 'peer', 'word'], timeout: true,
    failures: [f('ex3.fin-not-answered', 'no-fin'), f('ex3.fin-ignored', 'no-fin'), f('ex.not-closed', 'not-closed'),
      f('ex.not-exited', 'not-closed'), f('ex.exit-code', 'exit-code')] },
  { verb: 'expectPrinted', step: 'expect print', params: ['program', 'text', 'noPrintKey'], keyParams: ['noPrintKey'],
    failures: [f('ex.printed-bytes', 'decode')] },
  { verb: 'decidePrinted', step: 'expect prints', params: ['check', 'program', 'texts', 'noPrintKey'], keyParams: ['noPrintKey'],
    failures: [f('ex.printed-bytes', 'decode')] },
  { verb: 'expectClosedAndExit0', step: 'expect closed and exit 0', params: ['program', 'peer?'],
    failures: [f('ex.not-closed', 'not-closed'), f('ex.not-exited', 'not-closed'), f('ex.exit-code', 'exit-code')] },
  { verb: 'leaveWithoutWord', step: 'leave without a word', params: ['program', 'peer'], failures: [] },
  { verb: 'expectNoBusyLoop', step: 'expect no busy loop', params: ['program', 'key'], keyParams: ['key'], failures: [] },
  { verb: 'expectNoException', step: 'expect no crash', params: ['program', 'key', '{ hint, params }'], keyParams: ['key'], failures: [] },
  { verb: 'expectNoErrorExit', step: 'expect no error exit', params: ['program'], failures: [f('ex.exit-code', 'exit-code')] },
  // parts 1 and 2: addresses and typed input
  { verb: 'expectListensOnAllInterfaces', step: 'expect listens on all interfaces', params: ['listening'],
    failures: [f('ex.bind-loopback', 'bind-loopback')] },
  { verb: 'expectTargetsNeighbour', step: 'expect connects to a neighbour', params: ['connected'],
    failures: [f('ex.client-loopback', 'neighbour-address')] },
  { verb: 'expectSomeData', step: 'expect some data', params: ['peer', 'noDataKey', 'hint'], keyParams: ['noDataKey'], failures: [] },
  { verb: 'expectTypedMessageSent', step: 'expect typed message sent', params: ['sent', 'typed', 'askedInput'],
    failures: [f('ex.not-utf8', 'encoding'), f('ex.input-ignored', 'input-ignored'), f('ex.typed-mismatch', 'input-ignored')] },
  { verb: 'expectConnectsToServer', step: 'expect connects to the server', params: ['program', 'server'], timeout: true,
    failures: [f('ex.pair-refused', 'connection-refused'), f('ex.port-mismatch', 'connection-refused')] },
  { verb: 'expectGotReply', step: 'expect got a reply', params: ['program'], failures: [f('ex.pair-no-reply', 'no-reply')] },
  // a client that loops on typed lines
  { verb: 'expectAsksLine', step: 'expect asks a line', params: ['program', 'peer', 'nth'], timeout: true,
    failures: [f('ex3.client-no-input', 'input-ignored'), f('ex3.client-stopped', 'no-loop'), f('ex3.client-sent-untyped', 'input-ignored')] },
  { verb: 'typeAndExpectSent', step: 'type a line, expect it sent', params: ['program', 'peer', 'line', 'nth', 'waitCheck'], timeout: true,
    failures: [f('ex3.client-reads-all', 'read-all-input'), f('ex3.client-stopped', 'no-loop'), f('ex3.client-wrong-message', 'input-ignored')] },
  { verb: 'expectEndWordEndsClient', step: 'type end word', params: ['program', 'peer', 'word', 'linesBefore'],
    failures: [f('ex3.client-no-fin', 'no-fin'), f('ex3.client-not-closed-after-fin', 'no-fin'), f('ex3.client-continues-after-fin', 'no-fin'),
      f('ex3.client-sent-after-fin', 'no-fin'), f('ex.not-closed', 'not-closed'), f('ex.not-exited', 'not-closed'), f('ex.exit-code', 'exit-code')] },
  { verb: 'readsEachReplyBeforeNextLine', step: 'expect waits for each reply', params: ['program', 'n'],
    failures: [f('ex3.client-no-wait', 'no-wait')] },
  { verb: 'expectPrompt', step: 'expect asks a line (any)', params: ['program', 'nth'], timeout: true,
    failures: [f('ex3.client-no-input', 'input-ignored')] },
  { verb: 'expectTypedLine', step: 'expect typed line', params: ['peer', 'line', 'wrongKey'], keyParams: ['wrongKey'], timeout: true, failures: [] },
  // a lab's own protocol: its port, its replies
  { verb: 'expectListensOnPort', step: 'expect listens on port', params: ['listening', 'port'],
    failures: [f('ex.wrong-port', 'port')] },
  { verb: 'expectConnectsToPort', step: 'expect connects to port', params: ['connected', 'port'],
    failures: [f('ex.client-wrong-port', 'port')] },
  { verb: 'expectReply', step: 'expect reply', params: ['program', 'peer', 'msg', '{ text | matches, shown }'], timeout: true,
    failures: [f('ex3.closed-after-one', 'no-loop'), f('ex.wrong-reply', 'wrong-reply')] },
  // the relay (part 3)
  { verb: 'expectServesClients', step: 'expect serves clients', params: ['program', 'n'], timeout: true,
    failures: [f('ex4.single-client', 'single-client')] },
  { verb: 'expectServedAtOnce', step: 'expect served at once', params: ['program', 'from', 'other'],
    failures: [f('ex4.blocked-by-silent', 'single-client')] },
  { verb: 'expectDelivered', step: 'expect delivered', params: ['program', 'msg', 'to'],
    failures: [f('ex4.relay-mismatch', 'no-relay'), f('ex4.server-died', 'crash-departure'), f('ex4.server-died', 'server-stops'),
      f('ex4.thread-crashed', 'crash-departure'), f('ex4.not-relayed', 'no-relay')] },
  { verb: 'expectRelayed', step: 'say, expect relayed', params: ['program', 'msg', 'from', 'to'],
    failures: [f('ex4.relay-mismatch', 'no-relay'), f('ex4.server-died', 'crash-departure'), f('ex4.server-died', 'server-stops'),
      f('ex4.thread-crashed', 'crash-departure'), f('ex4.not-relayed', 'no-relay')] },
  { verb: 'expectStillServing', step: 'expect still serving', params: ['program', 'port', 'names', 'n'], timeout: true,
    failures: [f('ex4.server-died', 'server-stops')] },
];
