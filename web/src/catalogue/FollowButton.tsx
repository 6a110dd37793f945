import { HeartFilled, HeartOutlined } from '@ant-design/icons';
import { Button, message } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useSession } from '../lib/session.tsx';
import { setFollowed } from './catalogue-api.ts';
import { loginPathFor } from '../../../src/sso/return-path.ts';

/** 关注 / 取消关注; without a login it goes to the login page and comes back here afterwards. */
export function FollowButton({ code, followed, onChange }: { code: string; followed: boolean | null; onChange(followed: boolean): void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [messageApi, messageHolder] = message.useMessage();

  const toggle = async () => {
    if (!me) {
      navigate(loginPathFor(location.pathname + location.search));
      return;
    }
    setBusy(true);
    try {
      const result = await setFollowed(code, !followed);
      onChange(result.followed);
      void messageApi.success(result.followed ? t('关注成功', 'Followed') : t('已取消关注', 'No longer followed'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) navigate(loginPathFor(location.pathname + location.search));
      else if (error instanceof ApiError) void messageApi.error(t(error.message, error.messageEn));
    } finally {
      setBusy(false);
    }
  };

  const label = followed ? t('取消关注', 'Unfollow') : t('关注', 'Follow');
  return (
    <>
      {messageHolder}
      <Button loading={busy} icon={followed ? <HeartFilled aria-hidden /> : <HeartOutlined aria-hidden />} onClick={toggle}>
        {label}
      </Button>
    </>
  );
}
