import { Form, Input, Select, type FormRule } from 'antd';
import { identityFields } from '../../../src/accounts/schemas.ts';
import { useI18n } from '../lib/i18n.tsx';
import { label, schemaRule } from './fields.ts';
import { GENDERS, selectOptions } from './options.ts';
import { LoginNameField } from './PasswordChange.tsx';

/** 登录名 (with 修改密码), 姓名 and 性别: the first rows of the 自然人 and 主代办人 edit forms. */
export function PersonHeadFields({ section, loginName, required }: { section: 'natural_person' | 'primary_agent'; loginName: string; required: (path: string) => FormRule }) {
  const { t, lang } = useI18n();
  return (
    <>
      <LoginNameField loginName={loginName} idPrefix={section} />
      <Form.Item name="name" label={label(section, 'name')[lang]} rules={[required('name'), schemaRule(identityFields.name, lang)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="gender" label={label(section, 'gender')[lang]}>
        <Select allowClear placeholder={t('请选择', 'Select')} options={selectOptions(GENDERS, lang)} />
      </Form.Item>
    </>
  );
}
