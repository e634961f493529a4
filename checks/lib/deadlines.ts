// How long the checks wait, in ms, before the time factor and the machine's measured slowness
// (ScenarioContext.ms). Waits end as soon as the awaited event comes: these only bound a failure.
// They count from the interpreter's hello, so a slow start-up never eats into them.

/** from a running interpreter to a program-level event: listen(), connect(), the first input() */
export const START = 3000;
/** one step of an exchange: a reply, a print, a close, an exit */
export const STEP = 1000;
/** a step that goes through two programs (the relay, the student's own client and server together) */
export const RELAY = 1500;
/** a program finishing what it does after an event it saw (a departure): best effort, then on */
export const HANDLED = 300;
