/**
 * A dialog for a secret the platform shows this once (an OIDC client secret, a staff member's
 * initial password and TOTP secret): it closes only through 我已妥善保存, never by a click beside
 * it or Esc, and forgets its content when closed.
 */
import { Alert, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n.tsx';

export interface ShownOnceDialogProps {
  open: boolean;
  title: string;
  /** The warning above the secret: what it is, that it is shown once, to whom it goes. */
  warning: string;
  onClose(): void;
  children: ReactNode;
}

export function ShownOnceDialog({ open, title, warning, onClose, children }: ShownOnceDialogProps) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('我已妥善保存', 'I have saved it')}
      cancelButtonProps={{ style: { display: 'none' } }}
      closable={false}
      maskClosable={false}
      keyboard={false}
      onOk={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />
      {children}
    </Modal>
  );
}
