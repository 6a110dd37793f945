import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMPLETE_WINDOW_MS, describeBrowser, isExpired, maskIp, statusOf, transition, type QrEvent, type QrState } from './rules.ts';

describe('QR login transitions', () => {
  const cases: [QrState, QrEvent, QrState | string][] = [
    ['pending', 'scan', 'scanned'],
    ['scanned', 'confirm', 'confirmed'],
    ['scanned', 'refuse', 'refused'],
    ['confirmed', 'complete', 'consumed'],
    ['pending', 'confirm', 'QR_NOT_SCANNED'],
    ['pending', 'refuse', 'QR_NOT_SCANNED'],
    ['pending', 'complete', 'QR_NOT_CONFIRMED'],
    ['scanned', 'scan', 'QR_ALREADY_SCANNED'],
    ['scanned', 'complete', 'QR_NOT_CONFIRMED'],
    ['confirmed', 'scan', 'QR_ALREADY_DECIDED'],
    ['confirmed', 'confirm', 'QR_ALREADY_DECIDED'],
    ['confirmed', 'refuse', 'QR_ALREADY_DECIDED'],
    ['refused', 'scan', 'QR_ALREADY_DECIDED'],
    ['refused', 'confirm', 'QR_ALREADY_DECIDED'],
    ['refused', 'complete', 'QR_REFUSED'],
    ['consumed', 'scan', 'QR_USED'],
    ['consumed', 'complete', 'QR_USED'],
  ];
  for (const [state, event, expected] of cases) {
    it(`${state} + ${event} → ${expected}`, () => {
      const result = transition(state, event);
      assert.deepEqual(result, expected === expected.toLowerCase() ? { ok: true, state: expected } : { ok: false, code: expected });
    });
  }
});

describe('QR login expiry', () => {
  const expiresAt = 1_000_000;
  it('pending and scanned expire at their time', () => {
    for (const state of ['pending', 'scanned'] as const) {
      assert.equal(isExpired({ state, expiresAt }, expiresAt - 1), false);
      assert.equal(isExpired({ state, expiresAt }, expiresAt), true);
      assert.equal(statusOf({ state, expiresAt }, expiresAt + 1), 'expired');
    }
  });
  it('a confirmed request has its completion window, from the confirmation', () => {
    const confirmedAt = expiresAt - 10;
    assert.equal(isExpired({ state: 'confirmed', expiresAt, confirmedAt }, expiresAt + 5), false);
    assert.equal(isExpired({ state: 'confirmed', expiresAt, confirmedAt }, confirmedAt + COMPLETE_WINDOW_MS), true);
  });
  it('refused and consumed keep their state', () => {
    assert.equal(statusOf({ state: 'refused', expiresAt }, expiresAt * 2), 'refused');
    assert.equal(statusOf({ state: 'consumed', expiresAt }, expiresAt * 2), 'consumed');
  });
});

describe('where the request came from', () => {
  it('masks IPv4 (also IPv4-mapped) to its first half, IPv6 to its first two groups', () => {
    assert.equal(maskIp('192.168.10.23'), '192.168.*.*');
    assert.equal(maskIp('::ffff:10.1.2.3'), '10.1.*.*');
    assert.equal(maskIp('2001:db8:85a3::8a2e:370:7334'), '2001:db8:*');
    assert.equal(maskIp('::1'), '1:*');
    assert.equal(maskIp('garbage'), '*');
  });
  it('names the browser and the system in a few words', () => {
    const chromeWindows = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const edge = `${chromeWindows} Edg/131.0.0.0`;
    const safariMac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
    const firefoxLinux = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
    const wechatAndroid = 'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.50';
    assert.equal(describeBrowser(chromeWindows), 'Chrome · Windows');
    assert.equal(describeBrowser(edge), 'Edge · Windows');
    assert.equal(describeBrowser(safariMac), 'Safari · macOS');
    assert.equal(describeBrowser(firefoxLinux), 'Firefox · Linux');
    assert.equal(describeBrowser(wechatAndroid), '微信 · Android');
    assert.equal(describeBrowser('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36'), 'Chrome · Linux');
    assert.equal(describeBrowser(undefined), '未知浏览器');
    assert.equal(describeBrowser('curl/8.0'), '未知浏览器');
  });
});
