/**
 * The one-time password and TOTP secret of a staff member just created or reset, shown this
 * once: the QR code for the authenticator app (an otpauth:// URI, drawn by antd's QRCode) and
 * the secret in base32 for typing in by hand.
 */
import { Descriptions, QRCode, Typography } from 'antd';
import { useI18n } from '../lib/i18n.tsx';
import { ShownOnceDialog } from './ShownOnceDialog.tsx';
import type { StaffCredentials } from './staff-api.ts';

export function StaffCredentialsDialog({ credentials, onClose }: { credentials: StaffCredentials | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <ShownOnceDialog
      open={credentials !== null}
      title={t('工作人员登录信息', 'Staff sign-in details')}
      warning={t(
        '以下初始密码和动态验证码密钥只显示这一次，关闭后将无法再次查看。请当面交给该工作人员；首次登录须修改密码。',
        'The initial password and authenticator secret are shown this once and never again. Hand them over in person; the first login must change the password.',
      )}
      onClose={onClose}
    >
      {credentials && (
        <>
          <figure className="staff-qr" aria-label={t('动态验证码二维码', 'Authenticator QR code')}>
            <QRCode value={credentials.totpUri} size={180} bordered={false} type="svg" aria-label={t('动态验证码密钥二维码', 'QR code of the authenticator secret')} />
            <figcaption>{t('请使用身份验证器应用扫描二维码', 'Scan with an authenticator app')}</figcaption>
          </figure>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'loginName', label: t('登录名', 'Login name'), children: <Typography.Text code>{credentials.loginName}</Typography.Text> },
              {
                key: 'initialPassword',
                label: t('初始密码', 'Initial password'),
                children: (
                  <Typography.Text code copyable={{ text: credentials.initialPassword }} data-testid="staff-initial-password">
                    {credentials.initialPassword}
                  </Typography.Text>
                ),
              },
              {
                key: 'totpSecret',
                label: t('动态验证码密钥', 'Authenticator secret'),
                children: (
                  <Typography.Text code copyable={{ text: credentials.totpSecret }} data-testid="staff-totp-secret" className="staff-secret">
                    {credentials.totpSecret}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      )}
    </ShownOnceDialog>
  );
}
