import { machineBusyMs, processCpuMs } from './cpu.ts';

/**
 * A closed-loop load generator shared by the login flows (client side) and the raw argon2
 * baselines (server side): `concurrency` workers each run `op` back to back; the first
 * `warmupMs` are not counted, then every operation that completes within the next
 * `durationMs` counts towards throughput and latency.
 */

/** Step timings of one operation (e.g. { captcha: 2.1, post: 33.0 }), in milliseconds. */
export type Steps = Record<string, number>;

/** Returned by an op that has run out of work (e.g. the pre-fetched captchas): the window ends early. */
export const OUT_OF_WORK = Symbol('out of work');

export interface LoopResult {
  concurrency: number;
  ops: number;
  seconds: number;
  rate: number;
  latency: Summary;
  steps: Record<string, Summary>;
  /** Set when an op ran out of work before the window was over. */
  endedEarly: boolean;
  /** CPU used during the window (ms): by the whole machine, and by this process. */
  cpu: { machineMs: number; processMs: number };
  /** The raw latencies and step times behind the summaries, to pool several windows. */
  samples: { latency: number[]; steps: Record<string, number[]> };
}

export interface Summary {
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

export interface LoopOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Called once when the counted window opens and once when it closes (e.g. to take resource snapshots). */
  onWindowStart?: () => void;
  onWindowEnd?: () => void;
}

export async function closedLoop(options: LoopOptions, op: (worker: number) => Promise<Steps | void | typeof OUT_OF_WORK>): Promise<LoopResult> {
  const start = performance.now();
  const windowStart = start + options.warmupMs;
  let windowEnd = windowStart + options.durationMs;
  let endedEarly = false;
  let started = false;
  const latencies: number[] = [];
  const steps = new Map<string, number[]>();

  let ended = false;
  const cpu = { machineMs: 0, processMs: 0 };
  const endWindow = () => {
    if (ended || !started) return;
    ended = true;
    cpu.machineMs += machineBusyMs();
    cpu.processMs += processCpuMs();
    options.onWindowEnd?.();
  };
  const startTimer = setTimeout(() => {
    started = true;
    cpu.machineMs -= machineBusyMs();
    cpu.processMs -= processCpuMs();
    options.onWindowStart?.();
  }, options.warmupMs);
  const endTimer = setTimeout(endWindow, options.warmupMs + options.durationMs);

  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      while (performance.now() < windowEnd) {
        const begin = performance.now();
        const result = await op(worker);
        const end = performance.now();
        if (result === OUT_OF_WORK) {
          if (end < windowEnd) {
            windowEnd = end;
            endedEarly = true;
            endWindow();
          }
          return;
        }
        if (end < windowStart || end > windowEnd) continue;
        latencies.push(end - begin);
        if (result) for (const [name, ms] of Object.entries(result)) (steps.get(name) ?? steps.set(name, []).get(name)!).push(ms);
      }
    }),
  );
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  if (!started) throw new Error('the run ended before the measured window opened (warm-up longer than the available work?)');
  endWindow();

  const seconds = (windowEnd - windowStart) / 1000;
  return {
    concurrency: options.concurrency,
    ops: latencies.length,
    seconds,
    rate: latencies.length / seconds,
    latency: summarize(latencies),
    steps: Object.fromEntries([...steps].map(([name, values]) => [name, summarize(values)])),
    endedEarly,
    cpu,
    samples: { latency: latencies, steps: Object.fromEntries(steps) },
  };
}

export function summarize(values: number[]): Summary {
  if (values.length === 0) return { mean: NaN, p50: NaN, p95: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}
