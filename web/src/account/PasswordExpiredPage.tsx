import { Alert, Card, Form, Input, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { changePasswordSchema } from '../../../src/accounts/schemas.ts';
import { LOGIN_PATH } from '../../../src/sso/return-path.ts';
import { FORM_LAYOUT } from '../components/formLayout.ts';
import { PageHeading } from '../layout/PageHeading.tsx';
import { PasswordFields } from '../components/PasswordFields.tsx';
import { api } from '../lib/api.ts';
import { messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { returnTarget, useFollowReturn, useReturnPath, withReturnPath } from '../lib/return-path.ts';
import { useSession } from '../lib/session.tsx';
import { RECOVERY_PATHS } from '../recovery/paths.ts';
import { SubmitRow } from './fields.tsx';
import { useCheckedSubmit } from './submit.ts';

const FIELD_OF_CODE: Record<string, string[]> = {
  OLD_PASSWORD_WRONG: ['oldPassword'],
  PASSWORD_SAME_AS_OLD: ['password'],
};

// One path for the server (which sends pending sessions here) and the portal.
export { PASSWORD_CHANGE_PATH } from '../../../src/sso/return-path.ts';

/** No change pending (any more): on to the way back of the login, or 我的信息. */
function ContinueAfterChange({ returnPath }: { returnPath: string | undefined }) {
  const follow = useFollowReturn();
  useEffect(() => follow(returnTarget(returnPath)), [follow, returnPath]);
  return <Spin />;
}

/**
 * The forced password change after login (FAQ 1.4 密码过期, or a one-time password
 * sent after an appeal): nothing else is reachable until it is done. FAQ 1.4's other way,
 * 登录名重置密码, is offered under the form. The login's way back (?return=, e.g. a business
 * system's sign-in) is followed once the password is changed.
 */
export function PasswordExpiredPage() {
  const { t, lang } = useI18n();
  const { me, loading, refresh } = useSession();
  const returnPath = useReturnPath();
  const { form, submitting, error, clearError, submit } = useCheckedSubmit(changePasswordSchema, FIELD_OF_CODE, async (input) => {
    await api('POST', '/api/me/password', input);
    // The session no longer has a change pending: the page continues (ContinueAfterChange).
    await refresh();
  });

  if (loading) return <Spin />;
  if (!me) return <Navigate to={withReturnPath(LOGIN_PATH, returnPath)} replace />;
  if (!me.passwordChangeReason) return <ContinueAfterChange returnPath={returnPath} />;

  const reason =
    me.passwordChangeReason === 'one_time'
      ? t('您使用的是一次性密码，请先修改密码', 'You logged in with a one-time password. Please change it first')
      : me.passwordChangeReason === 'weak'
        ? t('您的密码不符合当前的密码规则，请先修改密码', 'Your password does not meet the current password rules. Please change it first')
        : (messageFor('PASSWORD_EXPIRED', lang) ?? '');

  return (
    <Card className="page-card">
      <PageHeading zh="修改密码" en="Change password" />
      <Alert type="warning" showIcon title={reason} style={{ marginBottom: 24 }} />
      <Form form={form} name="password-change" {...FORM_LAYOUT} onFinish={submit} onValuesChange={clearError}>
        <Form.Item name="oldPassword" label={t('原密码', 'Current password')} rules={[{ required: true, message: t('请输入原密码', 'Please enter your current password') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <PasswordFields passwordLabel={{ zh: '新密码', en: 'New password' }} confirmLabel={{ zh: '确认新密码', en: 'Confirm new password' }} showPolicy />
        <SubmitRow error={error} submitting={submitting}>
          {t('修改密码', 'Change password')}
        </SubmitRow>
      </Form>
      <Typography.Paragraph type="secondary">
        {t('您也可以通过“忘记密码”选择', 'You can also reset it through "Forgot password": ')}
        <Link to={withReturnPath(RECOVERY_PATHS['login-name'], returnPath)}>{t('登录名重置密码', 'Reset by login name')}</Link>
        {t('，将密码重置后再登录。', ', then log in with the new password.')}
      </Typography.Paragraph>
    </Card>
  );
}
