import { Button, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import './materials.css';

/**
 * The (详情) after 实名认证审核失败 (quickstart 4.1.4): opens 实名认证审核失败原因 with the
 * reviewer's own words and a 确定 button.
 */
export function RejectionDetail({ reason }: { reason: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      (
      <Button type="link" size="small" className="rejection-detail" onClick={() => setOpen(true)} autoInsertSpace={false}>
        {t('详情', 'Details')}
      </Button>
      )
      <Modal
        open={open}
        title={t('实名认证审核失败原因', 'Why the review was rejected')}
        onCancel={close}
        footer={
          <Button type="primary" onClick={close} autoInsertSpace={false}>
            {t('确定', 'OK')}
          </Button>
        }
      >
        <p className="rejection-reason">{reason}</p>
      </Modal>
    </>
  );
}
