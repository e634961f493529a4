// The check API: the ONE module a check (checks/*.ts) imports. A check is a short script of verbs
// over actors (a program, the peers connected to it, a stand-in server); each verb carries its own
// diagnosis, so a step reads as the lab's sentence. Engine types stay behind it (lib/actors.ts).
// docs/lab-format.md maps these verbs to the steps of a data file; lib/vocabulary.ts lists them.
import type { CheckDef, ExerciseDef, ScenarioDef } from '../../src/runner/types.js';

/** An exercise: its folder, its checks (id, role, points, bonus) and the scenarios that decide them. */
export type Exercise = ExerciseDef;
/** One graded check of an exercise. */
export type Check = CheckDef;
/** One run of the student's program(s), deciding some checks in order (made with `scenario`). */
export type Scenario = ScenarioDef;

export { type Lab, scenario, fail, type Failure, type FailureDetails, type StartOptions, type StudentFile } from './lab.js';
export { type Program, type Peer, type Listener, type Listening, type Connected, addr } from './actors.js';
export { START, STEP, RELAY, HANDLED } from './deadlines.js';

// verbs: each knows how its step goes wrong (lib/vocabulary.ts: their names, parameters, failure keys)
export {
  expectEcho, expectLongEcho, expectEndWordEndsServer, expectPrinted, decidePrinted, expectClosedAndExit0,
  leaveWithoutWord, expectNoBusyLoop, expectNoException, expectNoErrorExit,
  nextPrompt, expectAsksLine, typeAndExpectSent, readsEachReplyBeforeNextLine, expectEndWordEndsClient,
  expectPrompt, expectTypedLine,
  expectListensOnAllInterfaces, expectTargetsNeighbour, expectSomeData, expectTypedMessageSent, expectConnectsToServer,
  expectGotReply, expectListensOnPort, expectConnectsToPort, expectReply, type Expected,
} from './verbs.js';
export {
  type RelayPeer, join, expectServesClients, expectServedAtOnce, expectDelivered, expectRelayed,
  clientsRegistered, departureHandled, expectStillServing,
} from './relay.js';
