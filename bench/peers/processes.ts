/**
 * What bench/peers/run.ts does with processes: runs a command to its end (output kept, killed on
 * Ctrl-C), stops what was started in reverse order (also on Ctrl-C, SIGTERM and failure), and
 * reads the resident memory of a process and of its descendants from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const cleanups: { what: string; run: () => Promise<void> | void }[] = [];
const running = new Set<ChildProcess>();
let stopping = false;

/** Something to undo at the end, whatever happens (run last registered first). */
export function onCleanup(what: string, run: () => Promise<void> | void) {
  cleanups.push({ what, run });
}

let cleaning: Promise<void> | undefined;

/** Runs the cleanups once; a second call (a signal during a failure's cleanup) waits for the same. */
export function cleanup(): Promise<void> {
  cleaning ??= cleanUp();
  return cleaning;
}

async function cleanUp() {
  for (const child of running) child.kill('SIGTERM');
  while (cleanups.length) {
    const { what, run } = cleanups.pop()!;
    try {
      console.error(`peers: stopping ${what}`);
      await run();
    } catch (error) {
      console.error(`peers: stopping ${what} failed:`, (error as Error).message);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`peers: ${signal}, stopping what was started`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Runs the main; on failure, the cleanups before the error and exit code 1; else the cleanups. */
export async function runMain(main: () => Promise<void>) {
  try {
    await main();
    await cleanup();
  } catch (error) {
    // Stopped by a signal: its handler ends the process once everything is stopped.
    if (stopping) return new Promise<never>(() => {});
    console.error(error);
    await cleanup();
    process.exit(1);
  }
}

/** Runs a command to its end; stdout is returned, stderr passes through. Rejects on a non-zero exit. */
export function run(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    running.add(child);
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.once('error', (error) => (running.delete(child), reject(error)));
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.slice(0, 3).join(' ')} … ended with ${code ?? signal}:\n${out.slice(-1000)}`));
    });
  });
}

/** The first `RESULT k=v …` line of a command's output, as numbers where they are numbers. */
export function parseResult(out: string): Record<string, number | string> {
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no RESULT line in:\n${out.slice(-1000)}`);
  const result: Record<string, number | string> = {};
  for (const pair of line.slice(7).trim().split(/\s+/)) {
    const [key, value = ''] = pair.split('=');
    result[key!] = value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return result;
}

/** A `/proc/<pid>/status` field in kB (VmRSS, VmHWM, RssAnon, RssFile), or undefined when the process is gone. */
export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssFile'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The direct children of a process (all its threads' children). */
export function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** A process and all its descendants. */
export function treeOf(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(treeOf)];
}

/** One variable of a process's environment (its own, as it was started), or undefined. */
export function environOf(pid: number, name: string): string | undefined {
  try {
    const entry = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find((e) => e.startsWith(`${name}=`));
    return entry?.slice(name.length + 1);
  } catch {
    return undefined;
  }
}

/**
 * CPU time (ms, user + system, threads included) of every process on the machine by command
 * name (node, haproxy, redis-server, postgres, wrk, nginx, perl ...): two readings subtracted
 * say where a slice's CPU went. Processes that ended between the readings are not counted.
 */
export function cpuByCommand(): Map<string, number> {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  const byCommand = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const command = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // Fields 14 and 15 of stat (utime, stime), counted from the state (field 3) here.
      const ticks = Number(fields[11]) + Number(fields[12]);
      byCommand.set(command, (byCommand.get(command) ?? 0) + ticks / ticksPerMs);
    } catch {
      // Gone meanwhile.
    }
  }
  return byCommand;
}

/** CPU ms per command between two cpuByCommand() readings, the busiest first, those above 1 % of the total. */
export function cpuSpent(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const spent = [...after].map(([command, ms]) => [command, ms - (before.get(command) ?? 0)] as const).filter(([, ms]) => ms > 0);
  const total = spent.reduce((sum, [, ms]) => sum + ms, 0);
  return Object.fromEntries(spent.filter(([, ms]) => ms > total / 100).sort((a, b) => b[1] - a[1]));
}
