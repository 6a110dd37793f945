/**
 * 国家政务服务平台账号登录 on the login window (foreigner quick start, 1. 登录流程变更): a link that
 * leaves for the national platform (a full page load), shown only when the server has the feature
 * on, and the message of an upstream error the callback came back with (?national_error=CODE).
 */
import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../lib/api.ts';
import { formatMessage } from '../../../../src/platform/messages.ts';
import { messageFor } from '../../lib/forms.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { NATIONAL_ERROR_PARAM, NATIONAL_PREFIX } from './paths.ts';

export function NationalLoginButton({ returnPath }: { returnPath: string | undefined }) {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    api<{ enabled: boolean }>('GET', `${NATIONAL_PREFIX}/config`)
      .then((config) => setEnabled(config.enabled))
      .catch(() => setEnabled(false));
  }, []);
  const code = params.get(NATIONAL_ERROR_PARAM);
  // A message's parameters come beside it (?national_error=LOGIN_LOCKED&national_error_minutes=15).
  const values = Object.fromEntries([...params].filter(([name]) => name.startsWith(`${NATIONAL_ERROR_PARAM}_`)).map(([name, value]) => [name.slice(NATIONAL_ERROR_PARAM.length + 1), value]));
  const template = code ? messageFor(code, lang) : undefined;
  const error = code ? (template ? formatMessage(template, values) : t('国家政务服务平台登录未成功，请稍后重试', 'The national platform login did not succeed. Please try again later')) : null;
  const href = `${NATIONAL_PREFIX}/start${returnPath ? `?${new URLSearchParams({ return: returnPath })}` : ''}`;
  return (
    <div className="national-login">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      {enabled && (
        <Button block href={href}>
          {t('国家政务服务平台账号登录', 'Log in with a national government service platform account')}
        </Button>
      )}
    </div>
  );
}
