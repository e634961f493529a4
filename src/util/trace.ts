// Timeline for maintainers: TPRC_TRACE=1 prints "<epoch ms> <pid> <label>" lines on stderr at the
// engine's milestones (start-up, namespace, scenarios, Python spawn/hello/exit). Epoch times line up
// across the processes of one check (the CLI, the namespace child). Off: one env lookup, no output.
const on = !!process.env.TPRC_TRACE;
/** Is the timeline on? (a hot path can skip building its label) */
export const tracing = on;
if (on) process.stderr.write(`${performance.timeOrigin.toFixed(1)} ${process.pid} process start\n`);

export function trace(label: string): void {
  if (!on) return;
  const cpu = process.cpuUsage();
  process.stderr.write(`${(performance.timeOrigin + performance.now()).toFixed(1)} ${process.pid} ${label} (cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms)\n`);
}
