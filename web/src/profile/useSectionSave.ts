import { Form, message, type FormInstance } from 'antd';
import { useState } from 'react';
import type { Section } from '../../../src/accounts/profile-fields.ts';
import { ApiError } from '../lib/api.ts';
import { applyServerError } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { saveSection } from './profile-api.ts';

/** Refusals without a field that are about one field, shown beside it (单位名称已被注册…). */
const FIELD_OF_CODE: Record<string, string> = {
  ORGANIZATION_NAME_TAKEN: 'name',
  CREDIT_CODE_TAKEN: 'code',
};

/**
 * The edit form of one section (a fresh form each time edit mode opens) and its save.
 * A refusal puts the server's messages on the fields; other problems are returned for the page.
 */
export function useSectionSave<Values extends object>(section: Section, onSaved: () => Promise<void>) {
  const { lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [messageApi, messageHolder] = message.useMessage();

  /** Sends what the page loaded overlaid with the form's values; masked values sent back mean "unchanged". */
  const save = async (loaded: object) => {
    setSaving(true);
    setProblem(null);
    try {
      await saveSection(section, { ...loaded, ...form.getFieldsValue(true) });
    } catch (error) {
      setSaving(false);
      const text = applyServerError(form, error, lang);
      const field = error instanceof ApiError ? FIELD_OF_CODE[error.code] : undefined;
      if (field) (form as FormInstance).setFields([{ name: field, errors: [text] }]);
      else if (error instanceof ApiError && error.fields.length) void messageApi.error(text);
      else setProblem(text);
      return;
    }
    await onSaved();
  };

  return { section, form, saving, problem, messageHolder, save };
}

/** What useSectionSave gives a form: its instance, the save and its state. */
export type SectionEditor<Values extends object> = ReturnType<typeof useSectionSave<Values>>;
