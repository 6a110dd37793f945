/**
 * 二维码登录: the pure rules of a QR login request. A browser shows a code; a signed-in phone
 * scans it, then confirms or refuses; the browser that showed it (and only that one) completes
 * the login once. States and transitions live here; storage and HTTP around them.
 */
import type { MessageCode } from '../../platform/messages.ts';
import { MINUTE } from '../../platform/rate-limit.ts';

export type QrState = 'pending' | 'scanned' | 'confirmed' | 'refused' | 'consumed';
/** What the waiting browser is told: a state, or `expired` once its time is up. */
export type QrStatus = QrState | 'expired';
export type QrEvent = 'scan' | 'confirm' | 'refuse' | 'complete';

/**
 * pending → scanned (a signed-in phone opened it) → confirmed | refused; confirmed → consumed (the
 * waiting browser logged in). Anything else is refused with the message that says why.
 */
export function transition(state: QrState, event: QrEvent): { ok: true; state: QrState } | { ok: false; code: MessageCode } {
  const next = TRANSITIONS[state][event];
  if (next) return { ok: true, state: next };
  return { ok: false, code: event === 'complete' ? refusedCompletion(state) : REFUSALS[state] };
}

const TRANSITIONS: Record<QrState, Partial<Record<QrEvent, QrState>>> = {
  pending: { scan: 'scanned' },
  scanned: { confirm: 'confirmed', refuse: 'refused' },
  confirmed: { complete: 'consumed' },
  refused: {},
  consumed: {},
};

/** Why an event is refused in a state (the one event a state allows never gets here). */
const REFUSALS: Record<QrState, MessageCode> = {
  pending: 'QR_NOT_SCANNED',
  scanned: 'QR_ALREADY_SCANNED',
  confirmed: 'QR_ALREADY_DECIDED',
  refused: 'QR_ALREADY_DECIDED',
  consumed: 'QR_USED',
};

/** Refusals of a phone's events; completion by the waiting browser has its own (refusedCompletion). */
export function refusedCompletion(state: QrState): MessageCode {
  if (state === 'pending' || state === 'scanned') return 'QR_NOT_CONFIRMED';
  return state === 'refused' ? 'QR_REFUSED' : REFUSALS[state];
}

/**
 * Past its time: still waiting for the phone (pending, scanned) after the code's time is up, or
 * confirmed and not completed within COMPLETE_WINDOW_MS. Refused and consumed requests keep their state.
 */
export function isExpired(request: { state: QrState; expiresAt: number; confirmedAt?: number }, now: number): boolean {
  if (request.state === 'pending' || request.state === 'scanned') return now >= request.expiresAt;
  if (request.state === 'confirmed') return now >= (request.confirmedAt ?? 0) + COMPLETE_WINDOW_MS;
  return false;
}

/** What the waiting browser sees. */
export function statusOf(request: { state: QrState; expiresAt: number; confirmedAt?: number }, now: number): QrStatus {
  return isExpired(request, now) ? 'expired' : request.state;
}

/** After the phone confirmed, the waiting browser has this long to complete (it polls every few seconds). */
export const COMPLETE_WINDOW_MS = MINUTE;
/**
 * A request is kept this long after its time is up, so an expired or used code reads as such
 * (二维码已过期 / 已使用) rather than as unknown.
 */
export const KEEP_AFTER_EXPIRY_MS = 10 * MINUTE;

export const LIMITS = {
  /** New codes per IP: a page left open refreshes its code about once every two minutes; offices share one IP. */
  create: { max: 60, windowMs: 10 * MINUTE },
  /** Scans, confirmations and refusals per signed-in account. */
  phone: { max: 30, windowMs: MINUTE },
};

/** 128 random bits, base64url. */
export const QR_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** The binding cookie's secret: 256 random bits, base64url. */
export const BINDING_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The requesting browser's address with its last half hidden: 192.168.*.*, 2001:db8:*. */
export function maskIp(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.*.*`;
  if (ip.includes(':')) {
    const groups = ip.split(':').filter(Boolean).slice(0, 2);
    return groups.length ? `${groups.join(':')}:*` : '*';
  }
  return '*';
}

/** Browsers by their User-Agent token, most specific first (Edge and most Chinese browsers also say Chrome). */
const BROWSERS: [RegExp, string][] = [
  [/MicroMessenger\//, '微信'],
  [/\bQQBrowser\//, 'QQ浏览器'],
  [/\bUCBrowser\//, 'UC浏览器'],
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:Chrome|HeadlessChrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * A short description of the browser that asks, "Chrome · Windows", for the phone's confirmation
 * page. Only the family names: the full User-Agent is neither kept nor shown. A few lines of ours
 * rather than a parser library, since only these coarse names are wanted.
 */
export function describeBrowser(userAgent: string | undefined): string {
  const ua = (userAgent ?? '').slice(0, 512);
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? '未知浏览器';
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  return system ? `${browser} · ${system}` : browser;
}

/** What the phone shows before its person confirms: who asks, from where, when. */
export interface QrRequestDetails {
  state: QrStatus;
  site: string;
  browser: string;
  origin: string;
  requestedAt: string;
  expiresAt: string;
}
