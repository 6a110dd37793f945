/**
 * 我的信息 → 关联账号: the 国家政务服务平台 accounts linked to this one (linked at, last used),
 * each removable after a confirmation (recorded in 修改记录 by the server).
 */
import { Alert, Button, List, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.tsx';

interface Link {
  id: string;
  provider: 'national';
  linkedAt: string;
  lastUsedAt: string | null;
}

const when = (value: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—');

export function NationalLinksTab() {
  const { t, lang } = useI18n();
  const [modal, modalHolder] = Modal.useModal();
  const [links, setLinks] = useState<Link[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const errorText = (caught: unknown) => (caught instanceof ApiError ? (lang === 'zh' ? caught.message : caught.messageEn) : t('系统繁忙，请稍后再试。', 'The system is busy. Please try again later.'));

  const load = useCallback(async () => {
    try {
      setLinks((await api<{ links: Link[] }>('GET', '/api/me/national-links')).links);
    } catch (caught) {
      setProblem(caught instanceof ApiError ? caught.message : String(caught));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (link: Link) => {
    const confirmed = await modal.confirm({
      title: t('确定解除与国家政务服务平台账号的关联吗？', 'Remove the link to the national government service platform account?'),
      content: t('解除后，使用国家政务服务平台账号登录时需重新确认关联。', 'After removing it, logging in with the national platform account asks you to confirm the link again.'),
      okText: t('解除关联', 'Remove link'),
      cancelText: t('取消', 'Cancel'),
    });
    if (!confirmed) return;
    setProblem(null);
    try {
      await api('DELETE', `/api/me/national-links/${link.id}`);
      setNotice(t('已解除关联', 'The link was removed'));
      await load();
    } catch (caught) {
      setProblem(errorText(caught));
    }
  };

  return (
    <section className="national-links">
      {modalHolder}
      <Typography.Title level={2} className="profile-section-title">
        {t('国家政务服务平台账号关联', 'National government service platform account links')}
      </Typography.Title>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      {notice && <Alert type="success" showIcon title={notice} style={{ marginBottom: 12 }} />}
      <List
        loading={links === null}
        dataSource={links ?? []}
        locale={{ emptyText: t('暂无关联的国家政务服务平台账号', 'No national government service platform account is linked') }}
        renderItem={(link) => (
          <List.Item
            actions={[
              <Button key="remove" danger onClick={() => void remove(link)}>
                {t('解除关联', 'Remove link')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={t('国家政务服务平台账号', 'National government service platform account')}
              description={
                <>
                  <div>
                    {t('关联时间：', 'Linked at: ')}
                    {when(link.linkedAt)}
                  </div>
                  <div>
                    {t('最近使用：', 'Last used: ')}
                    {when(link.lastUsedAt)}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </section>
  );
}
