import { RightOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import { RECOVERY_WAYS } from '../../../src/recovery/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useReturnPath, withReturnPath } from '../lib/return-path.ts';
import { RecoveryFrame } from './RecoveryFrame.tsx';
import { RECOVERY_PATHS } from './paths.ts';

/** 选择找回密码方式: the three ways, each with the seed's explanation, each opening its page (忘记密码 leads here). */
export function ChooseWayPage() {
  const { t } = useI18n();
  // 忘记密码 on a login page with a way back: the reset's 去登录 keeps it.
  const returnPath = useReturnPath();
  return (
    <RecoveryFrame title={{ zh: '选择找回密码方式', en: 'Choose how to recover the password' }}>
      <ul className="recovery-ways">
        {RECOVERY_WAYS.map((way) => (
          <li key={way.way}>
            <Link to={withReturnPath(RECOVERY_PATHS[way.way], returnPath)} className="recovery-way">
              <span>
                <Typography.Text strong className="recovery-way-title">
                  {t(way.title.zh, way.title.en)}
                </Typography.Text>
                <Typography.Text type="secondary" className="recovery-way-explanation">
                  {t(way.explanation.zh, way.explanation.en)}
                </Typography.Text>
              </span>
              <RightOutlined aria-hidden />
            </Link>
          </li>
        ))}
      </ul>
    </RecoveryFrame>
  );
}
