import { Button, Result } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { LOGIN_PATH } from '../../../src/sso/return-path.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useReturnPath, withReturnPath } from '../lib/return-path.ts';
import { useSession } from '../lib/session.tsx';
import { CaptchaSearchForm } from './CaptchaSearchForm.tsx';
import { RecoveryFrame } from './RecoveryFrame.tsx';
import { searchUser, type AccountKind, type FoundUser } from './recovery-api.ts';
import { ResetPasswordForm } from './ResetPasswordForm.tsx';
import { LOGIN_NAME_RESET } from './texts.ts';

type State = { step: 'search'; loginName?: string } | { step: 'reset'; found: FoundUser } | { step: 'done'; kind: AccountKind };

const STEP_INDEX = { search: 0, reset: 1, done: 2 } as const;

/** 登录名重置密码: 检索用户 → 重置密码 → 重置密码完成 (seed 1-1 / 2-1, steps 4 to 6). */
export function LoginNameResetPage() {
  const [state, setState] = useState<State>({ step: 'search' });
  const index = STEP_INDEX[state.step];
  return (
    <RecoveryFrame steps={LOGIN_NAME_RESET.steps} current={index} notes={LOGIN_NAME_RESET.notes[index]} title={LOGIN_NAME_RESET.title}>
      {state.step === 'search' && (
        <CaptchaSearchForm
          formName="reset-search"
          field={{ name: 'loginName', label: { zh: '登录名', en: 'Login name' }, maxLength: 64 }}
          button={{ zh: '检索登录名', en: 'Search' }}
          search={(loginName, captcha) => searchUser({ loginName, ...captcha })}
          onFound={(found) => setState({ step: 'reset', found })}
          initialValue={state.loginName}
        />
      )}
      {state.step === 'reset' && (
        <ResetPasswordForm
          found={state.found}
          onDone={(kind) => setState({ step: 'done', kind })}
          onRestart={() => setState({ step: 'search', loginName: state.found.loginName })}
        />
      )}
      {state.step === 'done' && <ResetDone kind={state.kind} />}
    </RecoveryFrame>
  );
}

/** 重置密码完成: the reset ended every session, so the header forgets the user before the login page opens. */
function ResetDone({ kind }: { kind: AccountKind }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  const toLogin = async () => {
    await refresh();
    navigate(withReturnPath(kind === 'legal' ? `${LOGIN_PATH}?kind=legal` : LOGIN_PATH, returnPath));
  };
  return (
    <Result
      status="success"
      title={t(LOGIN_NAME_RESET.done.zh, LOGIN_NAME_RESET.done.en)}
      extra={
        <Button type="primary" onClick={toLogin}>
          {t(LOGIN_NAME_RESET.toLogin.zh, LOGIN_NAME_RESET.toLogin.en)}
        </Button>
      }
    />
  );
}
