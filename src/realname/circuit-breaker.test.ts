import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_BREAKER_SETTINGS,
  INITIAL_BREAKER_STATE,
  circuitBreaker,
  transition,
  type BreakerState,
} from './circuit-breaker.ts';

const settings = { failureThreshold: 3, resetAfterMs: 1_000 };

describe('transition (pure)', () => {
  it('closed: a request is allowed and changes nothing', () => {
    const state: BreakerState = { name: 'closed', failures: 2 };
    assert.deepEqual(transition(state, { type: 'request', at: 5 }, settings), { state, allowed: true });
  });

  it('closed: a failure below the threshold counts it', () => {
    const next = transition({ name: 'closed', failures: 1 }, { type: 'failure', at: 5 }, settings);
    assert.deepEqual(next.state, { name: 'closed', failures: 2 });
  });

  it('closed -> open on the failure that reaches the threshold', () => {
    const next = transition({ name: 'closed', failures: 2 }, { type: 'failure', at: 77 }, settings);
    assert.deepEqual(next.state, { name: 'open', openedAt: 77 });
  });

  it('closed: a success resets the count of consecutive failures', () => {
    const next = transition({ name: 'closed', failures: 2 }, { type: 'success' }, settings);
    assert.deepEqual(next.state, { name: 'closed', failures: 0 });
  });

  it('open: requests are refused until resetAfterMs has passed', () => {
    const open: BreakerState = { name: 'open', openedAt: 100 };
    assert.deepEqual(transition(open, { type: 'request', at: 100 }, settings), { state: open, allowed: false });
    assert.deepEqual(transition(open, { type: 'request', at: 1_099 }, settings), { state: open, allowed: false });
  });

  it('open -> half_open: the first request after resetAfterMs is the trial', () => {
    const next = transition({ name: 'open', openedAt: 100 }, { type: 'request', at: 1_100 }, settings);
    assert.deepEqual(next, { state: { name: 'half_open', trialStartedAt: 1_100 }, allowed: true });
  });

  it('open: late answers of calls admitted earlier change nothing', () => {
    const open: BreakerState = { name: 'open', openedAt: 100 };
    assert.deepEqual(transition(open, { type: 'success' }, settings).state, open);
    assert.deepEqual(transition(open, { type: 'failure', at: 500 }, settings).state, open);
  });

  it('half_open: other requests are refused while the trial is in flight', () => {
    const half: BreakerState = { name: 'half_open', trialStartedAt: 1_100 };
    assert.deepEqual(transition(half, { type: 'request', at: 1_500 }, settings), { state: half, allowed: false });
  });

  it('half_open: a trial that never reports back is replaced after resetAfterMs', () => {
    const next = transition({ name: 'half_open', trialStartedAt: 1_100 }, { type: 'request', at: 2_100 }, settings);
    assert.deepEqual(next, { state: { name: 'half_open', trialStartedAt: 2_100 }, allowed: true });
  });

  it('half_open -> closed when the trial succeeds', () => {
    const next = transition({ name: 'half_open', trialStartedAt: 1_100 }, { type: 'success' }, settings);
    assert.deepEqual(next.state, { name: 'closed', failures: 0 });
  });

  it('half_open -> open when the trial fails, and the wait starts again', () => {
    const next = transition({ name: 'half_open', trialStartedAt: 1_100 }, { type: 'failure', at: 1_300 }, settings);
    assert.deepEqual(next.state, { name: 'open', openedAt: 1_300 });
  });
});

describe('circuitBreaker (clock injected)', () => {
  function clock(start = 0) {
    let t = start;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  }

  it('starts closed with the default settings 5 failures / 30 s', () => {
    assert.deepEqual(DEFAULT_BREAKER_SETTINGS, { failureThreshold: 5, resetAfterMs: 30_000 });
    const c = clock();
    const breaker = circuitBreaker({}, c.now);
    assert.deepEqual(breaker.state, INITIAL_BREAKER_STATE);
    for (let i = 0; i < 4; i++) {
      assert.equal(breaker.tryAcquire(), true);
      breaker.recordFailure();
    }
    assert.equal(breaker.state.name, 'closed');
    breaker.recordFailure();
    assert.equal(breaker.state.name, 'open');
    c.advance(29_999);
    assert.equal(breaker.tryAcquire(), false);
    c.advance(1);
    assert.equal(breaker.tryAcquire(), true);
  });

  it('runs the whole cycle closed -> open -> half_open -> open -> half_open -> closed', () => {
    const c = clock(10_000);
    const breaker = circuitBreaker(settings, c.now);
    for (let i = 0; i < 3; i++) {
      assert.equal(breaker.tryAcquire(), true);
      breaker.recordFailure();
    }
    assert.deepEqual(breaker.state, { name: 'open', openedAt: 10_000 });
    assert.equal(breaker.tryAcquire(), false, 'open: fail fast');

    c.advance(1_000);
    assert.equal(breaker.tryAcquire(), true, 'trial let through');
    assert.equal(breaker.state.name, 'half_open');
    assert.equal(breaker.tryAcquire(), false, 'only one trial');
    breaker.recordFailure();
    assert.deepEqual(breaker.state, { name: 'open', openedAt: 11_000 });

    c.advance(999);
    assert.equal(breaker.tryAcquire(), false);
    c.advance(1);
    assert.equal(breaker.tryAcquire(), true);
    breaker.recordSuccess();
    assert.deepEqual(breaker.state, { name: 'closed', failures: 0 });
    assert.equal(breaker.tryAcquire(), true);
  });

  it('only consecutive failures count', () => {
    const breaker = circuitBreaker(settings, () => 0);
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    assert.deepEqual(breaker.state, { name: 'closed', failures: 2 });
  });

  it('refuses nonsensical settings', () => {
    assert.throws(() => circuitBreaker({ failureThreshold: 0 }));
    assert.throws(() => circuitBreaker({ resetAfterMs: -1 }));
  });
});
