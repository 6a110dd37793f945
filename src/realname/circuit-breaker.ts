/**
 * Circuit breaker for calls to an outside service (the national identity registry).
 *
 *   closed    --N consecutive failed calls-->        open
 *   open      --resetAfterMs elapsed, next call-->   half_open (that call is the one trial)
 *   half_open --trial succeeds-->                     closed
 *   half_open --trial fails-->                        open (the wait starts again)
 *
 * The transitions are pure functions of (state, event, settings); `circuitBreaker`
 * holds the state of one process and reads an injectable clock. The state is
 * per node on purpose: it protects this node's callers, nothing else needs it.
 */

export interface BreakerSettings {
  /** Consecutive failed calls that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  resetAfterMs: number;
}

export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = { failureThreshold: 5, resetAfterMs: 30_000 };

export type BreakerState =
  | { name: 'closed'; failures: number }
  | { name: 'open'; openedAt: number }
  /** One trial call is in flight; if it never reports back, another is let through after resetAfterMs. */
  | { name: 'half_open'; trialStartedAt: number };

export type BreakerEvent = { type: 'request'; at: number } | { type: 'success' } | { type: 'failure'; at: number };

export const INITIAL_BREAKER_STATE: BreakerState = Object.freeze({ name: 'closed', failures: 0 });

/**
 * The next state, and for a `request` whether the call may go out.
 * A late answer to a call admitted before the circuit opened changes nothing:
 * only the trial decides whether the service is back.
 */
export function transition(
  state: BreakerState,
  event: BreakerEvent,
  settings: BreakerSettings,
): { state: BreakerState; allowed: boolean } {
  switch (event.type) {
    case 'request':
      return admit(state, event.at, settings);
    case 'success':
      return { state: state.name === 'open' ? state : { name: 'closed', failures: 0 }, allowed: true };
    case 'failure':
      return { state: fail(state, event.at, settings), allowed: true };
  }
}

function admit(state: BreakerState, at: number, settings: BreakerSettings): { state: BreakerState; allowed: boolean } {
  switch (state.name) {
    case 'closed':
      return { state, allowed: true };
    case 'open':
      return at - state.openedAt >= settings.resetAfterMs
        ? { state: { name: 'half_open', trialStartedAt: at }, allowed: true }
        : { state, allowed: false };
    case 'half_open':
      return at - state.trialStartedAt >= settings.resetAfterMs
        ? { state: { name: 'half_open', trialStartedAt: at }, allowed: true }
        : { state, allowed: false };
  }
}

function fail(state: BreakerState, at: number, settings: BreakerSettings): BreakerState {
  switch (state.name) {
    case 'closed': {
      const failures = state.failures + 1;
      return failures >= settings.failureThreshold ? { name: 'open', openedAt: at } : { name: 'closed', failures };
    }
    case 'open':
      return state;
    case 'half_open':
      return { name: 'open', openedAt: at };
  }
}

export interface CircuitBreaker {
  /** Asks to make a call; false means fail fast without calling. */
  tryAcquire(): boolean;
  recordSuccess(): void;
  recordFailure(): void;
  readonly state: BreakerState;
}

export function circuitBreaker(settings: Partial<BreakerSettings> = {}, now: () => number = Date.now): CircuitBreaker {
  const resolved: BreakerSettings = { ...DEFAULT_BREAKER_SETTINGS, ...settings };
  if (!(resolved.failureThreshold >= 1)) throw new Error('circuitBreaker: failureThreshold must be at least 1');
  if (!(resolved.resetAfterMs >= 0)) throw new Error('circuitBreaker: resetAfterMs must not be negative');
  let state: BreakerState = INITIAL_BREAKER_STATE;
  const apply = (event: BreakerEvent) => {
    const next = transition(state, event, resolved);
    state = next.state;
    return next.allowed;
  };
  return {
    tryAcquire: () => apply({ type: 'request', at: now() }),
    recordSuccess: () => void apply({ type: 'success' }),
    recordFailure: () => void apply({ type: 'failure', at: now() }),
    get state() {
      return state;
    },
  };
}
