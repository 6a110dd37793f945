import { Button, Result } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { LOGIN_PATH } from '../../../src/sso/return-path.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useReturnPath, withReturnPath } from '../lib/return-path.ts';
import { RegistrationFrame } from './RegistrationFrame.tsx';

interface DoneState {
  kind: 'natural' | 'legal';
  loginName: string;
}

/** 注册完成: the login name just registered and the way to 用户登录 (with the way back of a login that sent here). */
export function RegisterDonePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  const state = (useLocation().state ?? null) as DoneState | null;
  const loginWindow = state?.kind === 'legal' ? t('法人登录', 'organisation login') : t('自然人登录', 'personal login');

  return (
    <RegistrationFrame step={2} heading={{ zh: '用户注册', en: 'Registration' }}>
      <Result
        status="success"
        title={t('注册完成', 'Registration complete')}
        subTitle={
          state ? (
            <>
              <div>
                {t('您的登录名：', 'Your login name: ')}
                <strong>{state.loginName}</strong>
              </div>
              <div>
                {t(
                  `请使用“${loginWindow}”登录科学技术部政务服务平台。实名认证结果可在“在线办事-我的信息”中查看，如需修改或完善注册信息，也请在该页面操作。`,
                  `Log in to the platform through ${loginWindow}. The real-name verification result is shown under "Online services - My information", where you can also change or complete your information.`,
                )}
              </div>
            </>
          ) : undefined
        }
        extra={
          <Button type="primary" onClick={() => navigate(withReturnPath(state?.kind === 'legal' ? `${LOGIN_PATH}?kind=legal` : LOGIN_PATH, returnPath))}>
            {t('用户登录', 'Log in')}
          </Button>
        }
      />
    </RegistrationFrame>
  );
}
