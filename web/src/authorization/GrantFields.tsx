/**
 * The role form of 授权操作 and of 修改 in 授权用户管理: per business system the organisation
 * holds, a checkbox per role (事项办理员, 单位事项管理员...); 维护法人(单位)信息; an optional
 * 授权有效期. Rendered inside the caller's Form; toRequest turns its values into the API's body.
 */
import { Checkbox, Form, Space } from 'antd';
import { UNIT_ADMIN_ROLE } from '../../../src/grants/rules.ts';
import { DateInput } from '../components/DateInput.tsx';
import { dateProps } from '../components/IdentityFields.tsx';
import { messageFor } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { AuthorizationView, GrantRequest, HeldSystem } from './authorization-api.ts';

export interface GrantValues {
  roles: Record<string, string[] | undefined>;
  maintainInfo: boolean;
  validFrom?: string;
  validTo?: string;
}

export const emptyGrant = (): GrantValues => ({ roles: {}, maintainInfo: false });

/** An authorisation as the form shows it. */
export function grantValuesOf(authorization: AuthorizationView): GrantValues {
  return {
    roles: Object.fromEntries(authorization.systems.map((system) => [system.key, system.roles.map((role) => role.code)])),
    maintainInfo: authorization.maintainInfo,
    validFrom: authorization.validFrom ?? '',
    validTo: authorization.validTo ?? '',
  };
}

/** The form's values as the API takes them: systems without a ticked role left out, empty dates null. */
export function toRequest(values: GrantValues): GrantRequest {
  return {
    systems: Object.entries(values.roles ?? {})
      .map(([key, roles]) => ({ key, roles: roles ?? [] }))
      .filter((system) => system.roles.length > 0),
    maintainInfo: values.maintainInfo === true,
    validFrom: values.validFrom || null,
    validTo: values.validTo || null,
  };
}

/** Held systems, plus any the authorisation already has that are no longer offered (so nothing is hidden). */
export function systemsToShow(held: HeldSystem[], authorization?: AuthorizationView | null): HeldSystem[] {
  const extra = (authorization?.systems ?? []).filter((system) => !held.some((h) => h.key === system.key));
  return [...held, ...extra];
}

/** What is wrong before asking the server: no role at all, or 维护信息 without a unit administrator role. */
export function grantFormProblem(values: GrantValues, lang: 'zh' | 'en'): string | null {
  const request = toRequest(values);
  if (request.systems.length === 0) return messageFor('NO_ROLES', lang) ?? (lang === 'zh' ? '请至少勾选一个授权角色。' : 'Tick at least one role.');
  if (request.maintainInfo && !request.systems.some((s) => s.roles.includes(UNIT_ADMIN_ROLE))) {
    return (
      messageFor('MAINTAIN_INFO_NEEDS_ADMIN_ROLE', lang) ??
      (lang === 'zh' ? '维护法人(单位)信息权限需同时授予单位事项管理员角色。' : 'Maintaining organisation information needs the unit administrator role.')
    );
  }
  return null;
}

export function GrantFields({ systems }: { systems: HeldSystem[] }) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  return (
    <>
      <Form.Item label={t('授权角色', 'Roles')} required>
        {systems.map((system) => (
          <div key={system.key} role="group" aria-label={system.name} className="grant-system">
            <span className="grant-system-name">
              {system.name}
              {lang === 'zh' ? '：' : ': '}
            </span>
            <Form.Item name={['roles', system.key]} noStyle>
              <Checkbox.Group options={system.roles.map((role) => ({ value: role.code, label: role.name }))} />
            </Form.Item>
          </div>
        ))}
      </Form.Item>
      <Form.Item
        label={t('信息维护', 'Information')}
        name="maintainInfo"
        valuePropName="checked"
        extra={t('维护法人(单位)信息需同时授予单位事项管理员角色。', 'Needs the unit administrator role (单位事项管理员) as well.')}
      >
        <Checkbox>{t('维护法人(单位)信息', 'Maintain organisation information')}</Checkbox>
      </Form.Item>
      <Form.Item label={t('授权有效期', 'Valid')} extra={t('不填写则长期有效。', 'Leave empty for no time limit.')}>
        <Space wrap>
          <Form.Item name="validFrom" noStyle {...dateProps}>
            <DateInput aria-label={t('授权有效期起始日期', 'Valid from')} placeholder={t('起始日期', 'From')} />
          </Form.Item>
          <span>{t('至', 'to')}</span>
          <Form.Item
            name="validTo"
            noStyle
            {...dateProps}
            dependencies={['validFrom']}
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  const from = form.getFieldValue('validFrom') as string | undefined;
                  if (value && from && value < from) throw new Error(t('授权有效期的终止日期不能早于起始日期。', 'The end date cannot be before the start date.'));
                },
              },
            ]}
          >
            <DateInput aria-label={t('授权有效期终止日期', 'Valid to')} placeholder={t('终止日期', 'To')} />
          </Form.Item>
        </Space>
      </Form.Item>
    </>
  );
}
