import { Form, Modal, message, type FormInstance } from 'antd';
import { Fragment, createElement, useState } from 'react';
import type { Section } from '../../../src/accounts/profile-fields.ts';
import { ApiError } from '../lib/api.ts';
import { applyServerError } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { saveSection, useProfileApi, type SaveResult } from './profile-api.ts';
import { RECONFIRM, needsReconfirm, useSectionStatus } from './verification.ts';

/** Refusals without a field that are about one field, shown beside it (单位名称已存在…). */
const FIELD_OF_CODE: Record<string, string> = {
  ORGANIZATION_NAME_EXISTS: 'name',
  ORGANIZATION_NAME_TAKEN: 'name',
  CREDIT_CODE_EXISTS: 'code',
  CREDIT_CODE_TAKEN: 'code',
};

/**
 * The edit form of one section (a fresh form each time edit mode opens) and its save.
 * A refusal puts the server's messages on the fields; other problems are returned for the page.
 * Changing key fields of a verified subject is confirmed first (已实名认证，修改用户信息可能会…);
 * 取消 there saves nothing and keeps the form as it is.
 */
export function useSectionSave<Values extends object>(section: Section, onSaved: (result?: SaveResult) => Promise<void>) {
  const { lang, t } = useI18n();
  const status = useSectionStatus();
  const { base } = useProfileApi();
  const [modal, modalHolder] = Modal.useModal();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [messageApi, messageHolder] = message.useMessage();

  /** Sends what the page loaded overlaid with the form's values; masked values sent back mean "unchanged". */
  const save = async (loaded: object) => {
    const submitted = { ...loaded, ...form.getFieldsValue(true) };
    if (needsReconfirm(section, status, loaded, submitted)) {
      const confirmed = await modal.confirm({
        title: t('提示', 'Confirm'),
        content: t(RECONFIRM.zh, RECONFIRM.en),
        okText: t('确定', 'OK'),
        cancelText: t('取消', 'Cancel'),
        okButtonProps: { autoInsertSpace: false },
        cancelButtonProps: { autoInsertSpace: false },
      });
      if (!confirmed) return;
    }
    setSaving(true);
    setProblem(null);
    let result: SaveResult;
    try {
      result = await saveSection(section, submitted, base);
    } catch (error) {
      setSaving(false);
      const text = applyServerError(form, error, lang);
      const field = error instanceof ApiError ? FIELD_OF_CODE[error.code] : undefined;
      if (field) (form as FormInstance).setFields([{ name: field, errors: [text] }]);
      else if (error instanceof ApiError && error.fields.length) void messageApi.error(text);
      else setProblem(text);
      return;
    }
    await onSaved(result);
  };

  return { section, form, saving, problem, messageHolder: createElement(Fragment, null, messageHolder, modalHolder), save };
}

/** What useSectionSave gives a form: its instance, the save and its state. */
export type SectionEditor<Values extends object> = ReturnType<typeof useSectionSave<Values>>;
