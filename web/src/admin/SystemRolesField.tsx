/** The roles part of the business-system form (SystemFormPage). */
import { Button, Form, Input, Space } from 'antd';
import { SYSTEM_LIMITS } from '../../../src/backoffice/system-rules.ts';
import { useI18n } from '../lib/i18n.tsx';

/** 系统角色: at least one, each with its code (what systems receive) and its name. */
export function RolesField() {
  const { t } = useI18n();
  return (
    <Form.Item label={t('系统角色', 'System roles')} required>
      <Form.List name="roles">
        {(fields, { add, remove }, { errors }) => (
          <div role="group" aria-label={t('系统角色', 'System roles')}>
            {fields.map((field, index) => (
              <Space key={field.key} align="baseline" wrap role="group" aria-label={t(`角色${index + 1}`, `Role ${index + 1}`)} style={{ display: 'flex' }}>
                <Form.Item name={[field.name, 'code']} label={t('角色编码', 'Code')} rules={[{ required: true, message: t('请填写角色编码', 'Please enter the code') }]}>
                  <Input maxLength={40} style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'name']} label={t('角色名称', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写角色名称', 'Please enter the name') }]}>
                  <Input maxLength={SYSTEM_LIMITS.roleNameMaxLength} style={{ width: 180 }} />
                </Form.Item>
                <Button type="link" onClick={() => remove(field.name)}>
                  {t('删除', 'Remove')}
                </Button>
              </Space>
            ))}
            <Button onClick={() => add({ code: '', name: '' })}>{t('添加角色', 'Add a role')}</Button>
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}
