/**
 * The OIDC client secret the platform just made, shown this once (after registering a system
 * with an OIDC client, adding one, or 重新生成密钥): the operator copies it to the system's team.
 */
import { Descriptions, Typography } from 'antd';
import { useI18n } from '../lib/i18n.tsx';
import { ShownOnceDialog } from './ShownOnceDialog.tsx';

export interface NewSecret {
  clientId: string;
  clientSecret: string;
}

export function ClientSecretDialog({ secret, onClose }: { secret: NewSecret | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <ShownOnceDialog
      open={secret !== null}
      title={t('OIDC 客户端密钥', 'OIDC client secret')}
      warning={t('客户端密钥只显示这一次，关闭后将无法再次查看。请立即复制并通过安全渠道交给业务系统。', 'The client secret is shown this once and never again. Copy it now and hand it to the system team securely.')}
      onClose={onClose}
    >
      {secret && (
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'clientId', label: t('OIDC 客户端标识', 'OIDC client ID'), children: <Typography.Text code>{secret.clientId}</Typography.Text> },
            {
              key: 'clientSecret',
              label: t('客户端密钥', 'Client secret'),
              children: (
                <Typography.Text code copyable={{ text: secret.clientSecret }} aria-label={t('客户端密钥', 'Client secret')} data-testid="client-secret">
                  {secret.clientSecret}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
    </ShownOnceDialog>
  );
}
