/**
 * /m/scan?r=<id>: the phone's side of 二维码登录 (behind RequireLogin: a signed-in, normal session).
 * Opening it marks the request scanned and shows who asks (site, browser, approximate place,
 * time); 确认登录 logs that browser in as this person, 拒绝 turns it away. Expired, used and
 * already-scanned codes each say so.
 */
import { Alert, Button, Card, Descriptions, Flex, Result, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PageHeading, SITE_NAME } from '../../layout/PageHeading.tsx';
import { ApiError } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useSession } from '../../lib/session.tsx';
import { SCAN_PARAM, qrApi, type QrRequestDetails } from './qr-api.ts';
import './qrlogin.css';

/**
 * One scan request per code opened, even when React runs the effect twice (StrictMode in
 * development): two at once from the same phone would race for the code against each other.
 */
const scans = new Map<string, Promise<QrRequestDetails>>();
function scanOnce(id: string): Promise<QrRequestDetails> {
  let scan = scans.get(id);
  if (!scan) {
    scan = qrApi.scan(id);
    scans.set(id, scan);
    void scan.catch(() => {}).finally(() => setTimeout(() => scans.delete(id), 1_000));
  }
  return scan;
}

type Outcome = { kind: 'asking'; details: QrRequestDetails } | { kind: 'confirmed' | 'refused' } | { kind: 'error'; message: string } | { kind: 'loading' };

export function ScanPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [params] = useSearchParams();
  const id = params.get(SCAN_PARAM) ?? '';
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'loading' });
  const [deciding, setDeciding] = useState<'confirm' | 'refuse' | null>(null);

  const problem = (caught: unknown) =>
    caught instanceof ApiError ? (lang === 'zh' ? caught.message : caught.messageEn) : t('系统繁忙，请稍后再试。', 'The system is busy. Please try again later.');

  useEffect(() => {
    let cancelled = false;
    if (!id) {
      setOutcome({ kind: 'error', message: t('二维码无效，请重新扫描', 'This QR code is not valid. Please scan it again') });
      return;
    }
    scanOnce(id)
      .then((details) => !cancelled && setOutcome({ kind: 'asking', details }))
      .catch((caught: unknown) => !cancelled && setOutcome({ kind: 'error', message: problem(caught) }));
    return () => {
      cancelled = true;
    };
    // Scanned once per code shown, not again when the language changes.
  }, [id]);

  const decide = async (step: 'confirm' | 'refuse') => {
    setDeciding(step);
    try {
      await qrApi[step](id);
      setOutcome({ kind: step === 'confirm' ? 'confirmed' : 'refused' });
    } catch (caught) {
      setOutcome({ kind: 'error', message: problem(caught) });
    } finally {
      setDeciding(null);
    }
  };

  return (
    <div className="qr-scan-page">
      <PageHeading zh="扫码登录确认" en="Confirm QR login" />
      <Card>
        {outcome.kind === 'loading' && (
          <Flex justify="center">
            <Spin aria-label={t('正在读取登录请求', 'Reading the login request')} />
          </Flex>
        )}
        {outcome.kind === 'asking' && (
          <Flex vertical gap={16}>
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t(`您正在以“${me?.displayName ?? ''}”的身份登录以下网站，请确认是您本人操作：`, `You are logging in as "${me?.displayName ?? ''}" to the site below. Confirm only if it is you:`)}
            </Typography.Paragraph>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'site', label: t('登录网站', 'Site'), children: `${t(SITE_NAME.zh, SITE_NAME.en)}（${outcome.details.site}）` },
                { key: 'browser', label: t('浏览器', 'Browser'), children: outcome.details.browser },
                { key: 'origin', label: t('登录地点（IP）', 'From (IP)'), children: outcome.details.origin },
                { key: 'time', label: t('请求时间', 'Requested at'), children: dayjs(outcome.details.requestedAt).format('YYYY-MM-DD HH:mm:ss') },
              ]}
            />
            <Alert type="warning" showIcon title={t('如果不是您本人在电脑上发起的登录，请点击“拒绝”。', 'If you did not start this login on a computer, choose Refuse.')} />
            <Flex vertical gap={8} className="qr-scan-actions">
              <Button type="primary" size="large" block loading={deciding === 'confirm'} disabled={deciding !== null} onClick={() => void decide('confirm')}>
                {t('确认登录', 'Confirm login')}
              </Button>
              <Button size="large" block danger autoInsertSpace={false} loading={deciding === 'refuse'} disabled={deciding !== null} onClick={() => void decide('refuse')}>
                {t('拒绝', 'Refuse')}
              </Button>
            </Flex>
          </Flex>
        )}
        {outcome.kind === 'confirmed' && (
          <Result status="success" title={t('已确认登录', 'Login confirmed')} subTitle={t('请在电脑上继续操作。', 'Please continue on the computer.')} />
        )}
        {outcome.kind === 'refused' && (
          <Result status="info" title={t('已拒绝本次登录', 'Login refused')} subTitle={t('电脑上的登录请求已被拒绝。', 'The login request on the computer was turned away.')} />
        )}
        {outcome.kind === 'error' && <Result status="warning" title={outcome.message} />}
      </Card>
    </div>
  );
}
