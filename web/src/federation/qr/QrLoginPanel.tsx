/**
 * The login window's 二维码登录 tab: a short-lived code for a signed-in phone to scan. The page
 * asks for the outcome by polling with back-off (src/federation/qr/routes.ts says why not server-sent
 * events), takes a new code before the old one runs out while nobody has scanned it, and once the
 * phone confirms completes the login here and goes where a password login would go.
 */
import { Alert, Button, Flex, QRCode, Typography } from 'antd';
import type { QRStatus } from 'antd/es/qr-code/interface';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { returnTarget, useFollowReturn, useReturnPath, withReturnPath, type ReturnTarget } from '../../lib/return-path.ts';
import { useSession } from '../../lib/session.tsx';
import { PASSWORD_CHANGE_PATH } from '../../../../src/sso/return-path.ts';
import { qrApi, type QrCreated, type QrStatus } from './qr-api.ts';
import './qrlogin.css';

/** A new code this long before the shown one runs out (nobody has scanned it yet); a quarter of a short code's life. */
const REFRESH_BEFORE_MS = 10_000;
/** Polling: quick at first and while the phone is deciding, slower while nobody scans; longer after network errors. */
const POLL = { firstMs: 1_000, maxMs: 3_000, factor: 1.5, errorMaxMs: 10_000 };

type View = QrStatus | 'loading' | 'completing' | 'failed';

export function QrLoginPanel() {
  const { t, lang } = useI18n();
  const { refresh } = useSession();
  const follow = useFollowReturn();
  const returnPath = useReturnPath();
  const [code, setCode] = useState<(QrCreated & { renewAt: number }) | null>(null);
  const [view, setView] = useState<View>('loading');
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const renew = useCallback(() => setGeneration((n) => n + 1), []);
  const followRef = useRef({ follow, refresh, returnPath });
  followRef.current = { follow, refresh, returnPath };

  const describe = useCallback(
    (caught: unknown) => (caught instanceof ApiError ? (lang === 'zh' ? caught.message : caught.messageEn) : t('系统繁忙，请稍后再试。', 'The system is busy. Please try again later.')),
    [lang, t],
  );
  const describeRef = useRef(describe);
  describeRef.current = describe;

  // A new code on opening the tab and on every 刷新.
  useEffect(() => {
    let cancelled = false;
    setView('loading');
    setError(null);
    qrApi
      .create()
      .then((created) => {
        if (cancelled) return;
        // The browser's own clock from the moment the code arrived: the server's may differ.
        setCode({ ...created, renewAt: Date.now() + created.ttlMs - Math.min(REFRESH_BEFORE_MS, created.ttlMs / 4) });
        setView('pending');
      })
      .catch((caught: unknown) => {
        if (cancelled) return;
        setError(describe(caught));
        setView('failed');
      });
    return () => {
      cancelled = true;
    };
    // A new code only when asked (generation), not when the language changes.
  }, [generation]);

  // Watches the code shown until it is decided, runs out, or is replaced.
  useEffect(() => {
    if (!code) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = POLL.firstMs;
    const { renewAt } = code;

    const complete = async () => {
      setView('completing');
      try {
        const result = await qrApi.complete(code.id);
        const { follow: go, refresh: reload, returnPath: back } = followRef.current;
        // As a password login: a pending password change comes first, the way back waits in its query.
        const target: ReturnTarget = result.passwordChangeReason ? { load: 'portal', path: withReturnPath(PASSWORD_CHANGE_PATH, back) } : returnTarget(back);
        if (target.load === 'portal') await reload();
        go(target);
      } catch (caught) {
        if (cancelled) return;
        setError(describeRef.current(caught));
        setView('failed');
      }
    };

    const tick = async () => {
      let waitingForScan = false;
      try {
        const { state } = await qrApi.status(code.id);
        if (cancelled) return;
        if (state === 'confirmed') return void (await complete());
        if (state === 'pending' && Date.now() >= renewAt) return renew();
        setView(state);
        if (state !== 'pending' && state !== 'scanned') return;
        waitingForScan = state === 'pending';
        delay = state === 'scanned' ? POLL.firstMs : Math.min(delay * POLL.factor, POLL.maxMs);
      } catch (caught) {
        if (cancelled) return;
        // Refused for good (unknown code, another browser's): say so. A network failure: wait longer.
        if (caught instanceof ApiError && caught.status >= 400 && caught.status < 500) {
          setError(describeRef.current(caught));
          return setView('failed');
        }
        delay = Math.min(delay * 2, POLL.errorMaxMs);
      }
      // Nobody has scanned yet: look again no later than the renewal is due.
      const wait = waitingForScan ? Math.max(0, Math.min(delay, renewAt - Date.now())) : delay;
      timer = setTimeout(() => void tick(), wait);
    };
    timer = setTimeout(() => void tick(), delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [code, renew]);

  const qrStatus: QRStatus = view === 'loading' || view === 'completing' ? 'loading' : view === 'scanned' ? 'scanned' : view === 'pending' ? 'active' : 'expired';
  const message = statusMessage(view, error, t);

  return (
    <Flex vertical align="center" gap={12} className="qr-login-panel">
      <Typography.Paragraph className="qr-login-instructions">{t('使用已登录的手机扫描二维码登录', 'Scan the QR code with a phone that is signed in to log in')}</Typography.Paragraph>
      <QRCode
        value={code?.scanUrl ?? '-'}
        size={200}
        type="svg"
        role="img"
        aria-label={t('登录二维码', 'Login QR code')}
        status={qrStatus}
        statusRender={({ status }) => (status === 'loading' ? null : <span className="qr-login-cover">{status === 'scanned' ? t('已扫描', 'Scanned') : t('已失效', 'No longer valid')}</span>)}
      />
      <div role="status" aria-live="polite" className="qr-login-status">
        {message && <Alert type={message.type} showIcon title={message.text} />}
      </div>
      {(view === 'expired' || view === 'refused' || view === 'failed' || view === 'consumed') && (
        <Button type="primary" onClick={renew} autoInsertSpace={false}>
          {t('刷新', 'Refresh')}
        </Button>
      )}
      {code?.showScanLink && view !== 'loading' && (
        <Typography.Paragraph type="secondary" className="qr-login-dev-link">
          {t('开发环境扫码地址：', 'Scan address (development): ')}
          <Typography.Link href={code.scanUrl} target="_blank" rel="noopener">
            {code.scanUrl}
          </Typography.Link>
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

function statusMessage(view: View, error: string | null, t: (zh: string, en: string) => string): { type: 'info' | 'success' | 'warning' | 'error'; text: string } | null {
  switch (view) {
    case 'scanned':
      return { type: 'info', text: t('已扫描，请在手机上确认', 'Scanned. Please confirm on your phone') };
    case 'completing':
      return { type: 'success', text: t('已确认，正在登录…', 'Confirmed. Logging in…') };
    case 'refused':
      return { type: 'warning', text: t('已拒绝', 'Refused') };
    case 'expired':
      return { type: 'warning', text: t('二维码已过期', 'The QR code has expired') };
    case 'consumed':
      return { type: 'warning', text: t('该二维码已使用', 'This QR code has already been used') };
    case 'failed':
      return { type: 'error', text: error ?? t('系统繁忙，请稍后再试。', 'The system is busy. Please try again later.') };
    default:
      return null;
  }
}
