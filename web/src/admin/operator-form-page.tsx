/**
 * The frame of the operators' form pages (business systems, service items): the page while its
 * data loads, the save that checks the request and shows refusals at their fields, and the
 * 保存 / 返回列表 row.
 */
import { Alert, Button, Form, Space, Spin, type FormInstance } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './admin-api.ts';
import { checkRequest, showRefusal, type NamePath } from './operator-forms.ts';

/** A form page whose data is not there yet: why it failed, or the spinner meanwhile. */
export function NotLoaded({ error }: { error: unknown }) {
  const { lang } = useI18n();
  if (error !== undefined) return <Alert type="error" showIcon title={errorText(error, lang)} />;
  return <Spin className="admin-loading" />;
}

export interface OperatorSave<V, S extends z.ZodType> {
  schema: S;
  /** The request the form's values make (before the schema checks it). */
  requestOf: (values: V) => unknown;
  /** Where a request path is shown in the form. */
  fieldOf: (path: NamePath) => NamePath;
  /** Refusals of the server that belong to one field. */
  fieldOfCode: Record<string, NamePath>;
  /** Sends the checked request and does what follows a save. */
  save: (body: z.output<S>) => Promise<void>;
}

/**
 * 保存: the request checked by the server's schema first, then sent; a refusal goes beside its
 * field, else into `problem` for the page (cleared by the next try, or by setProblem(null)).
 */
export function useOperatorSave<V, S extends z.ZodType>(form: FormInstance<V>, { schema, requestOf, fieldOf, fieldOfCode, save }: OperatorSave<V, S>) {
  const { lang } = useI18n();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: V) => {
    setProblem(null);
    const body = checkRequest(form, schema, requestOf(values), lang, fieldOf);
    if (!body) return;
    setSaving(true);
    try {
      await save(body);
    } catch (caught) {
      setProblem(showRefusal(form, caught, lang, fieldOf, fieldOfCode));
    } finally {
      setSaving(false);
    }
  };
  return { saving, problem, setProblem, submit };
}

/** The form's last row: 保存 (submits) and 返回列表. */
export function SaveRow({ saving, onBack }: { saving: boolean; onBack: () => void }) {
  const { t } = useI18n();
  return (
    <Form.Item label=" " colon={false}>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('保存', 'Save')}
        </Button>
        <Button onClick={onBack}>{t('返回列表', 'Back to the list')}</Button>
      </Space>
    </Form.Item>
  );
}
