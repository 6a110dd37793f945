import { Button, Card, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { useReturnPath, withReturnPath } from '../lib/return-path.ts';
import './account.css';

/** 注册备案系统介绍 and the choice between 自然人注册 and 单位用户（法人）注册 (seed, 1-1 账号登陆及注册). */
export function RegisterChoicePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  // Coming from the login page of a sign-in in progress: back there after registering.
  const returnPath = useReturnPath();
  return (
    <Card className="page-card registration">
      <Typography.Paragraph className="registration-system">
        {t('科学技术部政务服务平台（试运行）· 用户注册备案服务系统', 'MOST Government Service Platform (trial) · User Registration System')}
      </Typography.Paragraph>
      <PageHeading zh="用户注册" en="Registration" />
      <Typography.Title level={2} className="registration-step-title">{t('注册备案系统介绍', 'About the registration system')}</Typography.Title>
      <Typography.Paragraph>
        {t(
          '本系统为“科学技术部政务服务平台”的用户注册、备案系统。用户注册、备案后可以在“科技部政务服务平台”获取相关信息及办理相关业务。原有各信息系统正在统一集成中，目前已集成科技部人类遗传资源行政审批、高新技术企业认定等业务系统。',
          'This is the user registration system of the MOST Government Service Platform. Once registered, users can obtain information and handle business on the platform. The former information systems are being integrated; human genetic resources approval and high-tech enterprise recognition are already integrated.',
        )}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t(
          '原国家科技计划项目申报中心、人类遗传资源行政审批系统的用户可直接在“科学技术部政务服务平台”登录。',
          'Users of the former national S&T plan application centre and of the human genetic resources approval system can log in to the platform directly.',
        )}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t(
          '新用户：如您尚未注册，请点击下方的“自然人注册”按钮或“单位用户（法人）注册”按钮进行注册，注册完成之后方可登录。',
          'New users: if you have not registered yet, click "Register as a natural person" or "Register as an organisation (legal person)" below; you can log in once registered.',
        )}
      </Typography.Paragraph>
      <Typography.Title level={3} className="registration-question">{t('① 谁可以注册？如何选择注册类型？', '① Who can register? Which kind of registration?')}</Typography.Title>
      <Typography.Paragraph>
        <Typography.Text strong>{t('自然人：', 'Natural person: ')}</Typography.Text>
        {t(
          '自然人是基于出生而取得民事主体资格的人，包括本国公民、港澳台居民、外国公民和无国籍人等。如果以自然人身份注册，可以查阅有关信息、可以填报众筹等事项，并在法人授权许可的情况下，代替法人填报有关事项。',
          'a person who has civil capacity by birth: Chinese citizens, residents of Hong Kong, Macao and Taiwan, foreign citizens and stateless persons. Registered as a natural person you can consult information, file items such as crowdfunding and, when an organisation authorises you, file items on its behalf.',
        )}
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text strong>{t('法人：', 'Legal person: ')}</Typography.Text>
        {t(
          '法人是具有民事权利能力和民事行为能力，依法独立享有民事权利和承担民事义务的组织，包括企业法人、社会组织法人、机关事业单位法人。境内单位、港澳台地区单位、境外单位均可在本系统注册。如果以法人身份注册，可以办理人类遗传资源行政审批、可以申报科技计划项目等事项，而且可以指定有关用户进行代办。',
          'an organisation with civil rights and capacity that independently enjoys civil rights and bears civil obligations: enterprises, social organisations, public institutions and government bodies. Domestic, Hong Kong/Macao/Taiwan and foreign organisations can all register. Registered as a legal person you can apply for human genetic resources approval, S&T plan projects and more, and name users to act for you.',
        )}
      </Typography.Paragraph>
      <div className="registration-choice">
        <Button type="primary" size="large" onClick={() => navigate(withReturnPath('/register/natural', returnPath))}>
          {t('自然人注册', 'Register as a natural person')}
        </Button>
        <Button type="primary" size="large" onClick={() => navigate(withReturnPath('/register/legal', returnPath))}>
          {t('单位用户（法人）注册', 'Register as an organisation (legal person)')}
        </Button>
      </div>
    </Card>
  );
}
