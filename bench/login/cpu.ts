/**
 * CPU accounting for the benchmark (Linux /proc; elsewhere the machine-wide figures are NaN):
 * how much CPU the whole machine used during a window, so that the report can tell
 * how much of it went to processes other than the benchmark (a shared machine running a
 * build or tests next to the benchmark distorts the figures).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** Busy CPU time of the whole machine since boot, all cores (user, nice, system, irq, softirq, steal), in ms. */
export function machineBusyMs(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * TICK_MS;
  } catch {
    return NaN;
  }
}

/** Fields of /proc/<pid>/stat after the command name: [state, ppid, ...]; utime is field 14, i.e. index 11 here. */
function statFields(pid: string): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU time (ms) of a process tree rooted at `rootPid` (e.g. the postmaster and its backends),
 * including children that already exited (cutime/cstime of the root).
 */
export function processTreeCpuMs(rootPid: number | undefined): number {
  if (!rootPid) return NaN;
  const root = statFields(String(rootPid));
  if (!root) return NaN;
  let ticks = Number(root[11]) + Number(root[12]) + Number(root[13]) + Number(root[14]);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || pid === String(rootPid)) continue;
    const fields = statFields(pid);
    if (fields && Number(fields[1]) === rootPid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_MS;
}

export const processCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
