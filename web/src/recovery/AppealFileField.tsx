import { LoadingOutlined, UploadOutlined } from '@ant-design/icons';
import { Form, Typography } from 'antd';
import { useId, useState, type ChangeEvent } from 'react';
import { MAX_UPLOAD_BYTES } from '../../../src/realname/materials.ts';
import { ApiError } from '../lib/api.ts';
import { messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { ACCEPTED_EXTENSIONS } from '../materials/UploadControl.tsx';
import { appealFileUrl, uploadAppealFile } from './recovery-api.ts';
import type { Text } from './texts.ts';

export interface AppealFileFieldProps {
  /** The form field holding the upload id (frontUploadId / backUploadId). */
  name: string;
  /** 证件正面, 主代办人证件反面 …: the file input's accessible name. */
  label: Text;
  /** (证件需签字上传) / (证件需签字并加盖单位公章上传). */
  hint: Text;
}

/**
 * 证件正面 / 证件反面 of an appeal: the file goes up as soon as it is chosen, the field keeps
 * its upload id and shows the picture; a refused file (type by content, 1 MB) shows the
 * server's message under the field.
 */
export function AppealFileField({ name, label, hint }: AppealFileFieldProps) {
  const { t, lang } = useI18n();
  return (
    <Form.Item name={name} label={t(label.zh, label.en)} rules={[{ required: true, message: messageFor('APPEAL_FILE_MISSING', lang) }]}>
      <AppealFileInput name={name} label={label} hint={hint} />
    </Form.Item>
  );
}

interface AppealFileInputProps {
  name: string;
  label: Text;
  hint: Text;
  /** From Form.Item. */
  id?: string;
  value?: string;
  onChange?: (uploadId: string | undefined) => void;
}

function AppealFileInput({ name, label, hint, id, value, onChange }: AppealFileInputProps) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const text = t(label.zh, label.en);

  const refuse = (message: string) => form.setFields([{ name, value: undefined, errors: [message] }]);

  const chosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) fires a change again.
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) {
      refuse(messageFor('FILE_TOO_LARGE', lang) ?? '');
      return;
    }
    setBusy(true);
    try {
      const saved = await uploadAppealFile(file);
      onChange?.(saved.uploadId);
    } catch (error) {
      refuse(error instanceof ApiError ? (lang === 'zh' ? error.message : error.messageEn) : (messageFor('INTERNAL', lang) ?? ''));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="recovery-file" aria-busy={busy}>
      <label className={`recovery-upload${busy ? ' recovery-upload-busy' : ''}`}>
        <input id={id} type="file" accept={ACCEPTED_EXTENSIONS} aria-label={text} aria-describedby={hintId} disabled={busy} onChange={chosen} />
        {busy ? <LoadingOutlined aria-hidden /> : <UploadOutlined aria-hidden />}
        <span aria-hidden>{value ? t('重新选择', 'Choose again') : t('选择文件', 'Choose file')}</span>
      </label>
      <Typography.Text type="secondary" id={hintId}>
        {t(hint.zh, hint.en)}
      </Typography.Text>
      {value && (
        <div className="recovery-preview">
          <img className="recovery-thumb" src={appealFileUrl(value)} alt={t(`${label.zh}预览`, `${label.en} preview`)} data-upload-id={value} />
        </div>
      )}
    </div>
  );
}
