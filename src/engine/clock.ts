// One clock for every record of a run: the checker, its peers and the student's programs stamp
// what they do on the machine's monotonic clock, in microseconds, and the exchange is ordered by
// it, not by the order things reached the checker (they come by different pipes and sockets).
//
// Node's process.hrtime is libuv's uv_hrtime; the injected module reads Python's
// time.perf_counter_ns. Both read the same clock, system-wide:
//   Linux    clock_gettime(CLOCK_MONOTONIC)            (both)
//   macOS    mach_absolute_time / CLOCK_UPTIME_RAW      (the same counter)
//   Windows  QueryPerformanceCounter                    (Python >= 3.10 system-wide; before, relative
//                                                        to the process's first call: see clockOffset)
// test/engine/clock.test.ts shows they agree on the machine the tests run on.

/** Microseconds on the machine's monotonic clock (the injected module's `t`). */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * How far a program's clock is from ours, from its hello: 0 when its stamp lies between the start
 * of the process and the hello's arrival, as it must on a shared clock; else (an interpreter whose
 * clock counts from its own start) the offset that puts the hello at its arrival, so that its
 * events keep their own order and land after its start.
 */
export function clockOffset(startedUs: number, helloStampUs: number, arrivedUs: number): number {
  if (helloStampUs >= startedUs - 1000 && helloStampUs <= arrivedUs + 1000) return 0;
  return arrivedUs - helloStampUs;
}
