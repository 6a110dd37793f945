/**
 * 停用 / 启用 of a back-office list (business systems, service items, organisations): the confirmation, the
 * call, the notice and the reload, and the 状态 and 操作 (编辑, 停用 / 启用) columns.
 */
import { Button, Modal, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { useAdminOutlet } from './AdminLayout.tsx';
import { errorText } from './admin-api.ts';

export interface Toggleable {
  id: string;
  name: string;
  enabled: boolean;
}

/** The confirmation dialog's title and text for disabling (or enabling) this row. */
export type ToggleQuestion<T> = (row: T, disabling: boolean) => { title: string; content: string };

/** 停用 / 启用 of a row after confirming; `enabledOf` says whether the row is enabled now. */
export function useEnableToggle<T extends { id: string }>(
  setEnabled: (id: string, enabled: boolean) => Promise<unknown>,
  question: ToggleQuestion<T>,
  reload: () => void,
  enabledOf: (row: T) => boolean = (row) => (row as T & Toggleable).enabled,
) {
  const { t, lang } = useI18n();
  const { notify } = useAdminOutlet();
  const [modal, modalHolder] = Modal.useModal();
  const [problem, setProblem] = useState<string | null>(null);

  const toggle = async (row: T) => {
    const disabling = enabledOf(row);
    const confirmed = await modal.confirm({
      ...question(row, disabling),
      okText: t('确定', 'OK'),
      cancelText: t('取消', 'Cancel'),
      okButtonProps: { danger: disabling },
    });
    if (!confirmed) return;
    setProblem(null);
    try {
      await setEnabled(row.id, !disabling);
      notify(disabling ? t('已停用', 'Disabled') : t('已启用', 'Enabled'));
      reload();
    } catch (caught) {
      setProblem(errorText(caught, lang));
    }
  };
  return { toggle, modalHolder, problem };
}

/** 状态 (启用 / 停用) and 操作 (编辑 at editPath, 停用 / 启用 through toggle). */
export function useStateColumns<T extends Toggleable>(editPath: (row: T) => string, toggle: (row: T) => Promise<void>): ColumnsType<T> {
  const { t } = useI18n();
  const navigate = useNavigate();
  return [
    {
      title: t('状态', 'Status'),
      dataIndex: 'enabled',
      render: (enabled: boolean) => (enabled ? <Tag color="green">{t('启用', 'Enabled')}</Tag> : <Tag color="red">{t('停用', 'Disabled')}</Tag>),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_, row) => (
        <Space>
          <Button size="small" onClick={() => navigate(editPath(row))} aria-label={t(`编辑${row.name}`, `Edit ${row.name}`)}>
            {t('编辑', 'Edit')}
          </Button>
          <Button size="small" danger={row.enabled} onClick={() => void toggle(row)} aria-label={row.enabled ? t(`停用${row.name}`, `Disable ${row.name}`) : t(`启用${row.name}`, `Enable ${row.name}`)}>
            {row.enabled ? t('停用', 'Disable') : t('启用', 'Enable')}
          </Button>
        </Space>
      ),
    },
  ];
}
