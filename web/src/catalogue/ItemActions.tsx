import { LoginOutlined, ReadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { entryPath } from '../../../src/catalogue/rules.ts';
import type { ItemSystem } from '../../../src/catalogue/schemas.ts';
import { useI18n } from '../lib/i18n.tsx';
import { FollowButton } from './FollowButton.tsx';
import { itemPath } from './paths.ts';

/** 办理指南, 办理入口 (only for an item handled in a business system) and 关注 / 取消关注. */
export function ItemActions(props: { code: string; system: ItemSystem | null; followed: boolean | null; onFollowChange(followed: boolean): void; guide?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Space wrap>
      {props.guide !== false && (
        <Button icon={<ReadOutlined aria-hidden />} onClick={() => navigate(itemPath(props.code))}>
          {t('办理指南', 'Guide')}
        </Button>
      )}
      {props.system && (
        // A full page load: the entry endpoint runs its checks on the server and redirects into the system.
        <Button type="primary" icon={<LoginOutlined aria-hidden />} href={entryPath(props.system.key)}>
          {t('办理入口', 'Go to service')}
        </Button>
      )}
      <FollowButton code={props.code} followed={props.followed} onChange={props.onFollowChange} />
    </Space>
  );
}
