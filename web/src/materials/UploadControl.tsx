import { LoadingOutlined, UploadOutlined } from '@ant-design/icons';
import type { ChangeEvent } from 'react';
import type { FieldLabel } from '../../../src/accounts/profile-fields.ts';
import { useI18n } from '../lib/i18n.tsx';

/** The extensions the file chooser offers; the server still decides by the content. */
export const ACCEPTED_EXTENSIONS = '.jpg,.jpeg,.png';

/**
 * 上传 of one row: a native file input (named 上传 + the slot, e.g. 上传注册人身份证正面),
 * hidden behind a button-looking label so that it keeps the keyboard and the accessible name.
 */
export function UploadControl({ slot, label, busy, onFile }: { slot: string; label: FieldLabel; busy: boolean; onFile: (file: File) => void }) {
  const { t } = useI18n();
  const chosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) fires a change again.
    event.target.value = '';
    if (file) onFile(file);
  };
  return (
    <label className={`materials-upload${busy ? ' materials-upload-busy' : ''}`}>
      <input type="file" data-slot={slot} accept={ACCEPTED_EXTENSIONS} aria-label={t(`上传${label.zh}`, `Upload ${label.en}`)} disabled={busy} onChange={chosen} />
      {busy ? <LoadingOutlined aria-hidden /> : <UploadOutlined aria-hidden />}
      <span aria-hidden>{t('上传', 'Upload')}</span>
    </label>
  );
}
