import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';

const CATEGORIES = [
  { zh: '行政许可', en: 'Administrative licensing' },
  { zh: '科技创新与服务', en: 'Innovation and services' },
  { zh: '科技计划与经费', en: 'Programmes and funding' },
  { zh: '其他', en: 'Other' },
];

export function HomePage() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <div className="page-card">
      <Typography.Title level={4}>{t('深化“互联网+政务服务” 推进科技政务服务“一网通办”', 'One-stop online government services for science and technology')}</Typography.Title>
      <Card title={t('四类服务', 'Four kinds of service')}>
        <Row gutter={16}>
          {CATEGORIES.map((c) => (
            <Col span={6} key={c.zh}>
              <Card size="small">{t(c.zh, c.en)}</Card>
            </Col>
          ))}
        </Row>
      </Card>
      {!me && (
        <Typography.Paragraph style={{ marginTop: 24 }}>
          <Link to="/login">{t('用户登录', 'Log in')}</Link> · <Link to="/register">{t('用户注册', 'Register')}</Link>
        </Typography.Paragraph>
      )}
    </div>
  );
}
