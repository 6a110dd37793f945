import { Alert, Button, Form } from 'antd';
import type { ReactNode } from 'react';
import { SubmitRow } from '../account/fields.tsx';
import { TAIL_LAYOUT } from '../components/formLayout.ts';
import { messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';

export interface ExpiredOrSubmitProps {
  /** The search's ticket expired: the form cannot be sent any more, only the search started again. */
  expired: boolean;
  /** The catalogue code of the expiry (ORGANIZATION_SEARCH_EXPIRED, RESET_TICKET_EXPIRED). */
  expiredCode: string;
  onRestart: () => void;
  error: string | null;
  submitting: boolean;
  /** The submit button's text. */
  children: ReactNode;
}

/** The last row of a recovery form after a search: the submit button, or once the ticket expired, 重新检索. */
export function ExpiredOrSubmit({ expired, expiredCode, onRestart, error, submitting, children }: ExpiredOrSubmitProps) {
  const { t, lang } = useI18n();
  if (!expired) {
    return (
      <SubmitRow error={error} submitting={submitting}>
        {children}
      </SubmitRow>
    );
  }
  return (
    <Form.Item {...TAIL_LAYOUT}>
      <Alert
        type="warning"
        showIcon
        title={messageFor(expiredCode, lang)}
        action={
          <Button size="small" onClick={onRestart}>
            {t('重新检索', 'Search again')}
          </Button>
        }
      />
    </Form.Item>
  );
}
