import { Alert, Button, Form, Space } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import type { SectionEditor } from './useSectionSave.ts';
import { useIsPhone } from '../components/ResponsiveTable.tsx';

/**
 * The edit form of one section, filled with what the page loaded: 保存 / 取消 and the
 * required-fields line on top, then a problem the save met, then the section's fields.
 */
export function SectionForm<Values extends object>({ editor, loaded, onCancel, children }: { editor: SectionEditor<Values>; loaded: Values; onCancel(): void; children: ReactNode }) {
  const phone = useIsPhone();
  return (
    <Form
      form={editor.form}
      name={editor.section}
      // Labels above the fields on a phone, beside them from a tablet up.
      {...(phone ? { layout: 'vertical' as const } : { layout: 'horizontal' as const, labelCol: { span: 6 }, wrapperCol: { span: 14 } })}
      initialValues={loaded}
      onFinish={() => editor.save(loaded)}
      scrollToFirstError={{ focus: true, block: 'center' }}
    >
      {editor.messageHolder}
      <EditToolbar saving={editor.saving} onCancel={onCancel} />
      {editor.problem && <Alert type="error" showIcon title={editor.problem} className="profile-problem" />}
      {children}
    </Form>
  );
}

/** Edit mode's buttons and the line 带*号的为必填项，且所填写内容必须真实有效。 (inside the form). */
function EditToolbar({ saving, onCancel }: { saving: boolean; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <>
      <Space wrap className="profile-toolbar">
        <Button type="primary" htmlType="submit" loading={saving} autoInsertSpace={false}>
          {t('保存', 'Save')}
        </Button>
        <Button onClick={onCancel} disabled={saving} autoInsertSpace={false}>
          {t('取消', 'Cancel')}
        </Button>
      </Space>
      <p className="profile-required-note">{t('带*号的为必填项，且所填写内容必须真实有效。', 'Fields marked * are required, and everything entered must be true and valid.')}</p>
    </>
  );
}
