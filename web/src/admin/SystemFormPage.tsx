/**
 * /admin/systems/new and /admin/systems/:id (operators): registering or changing a business
 * system (业务系统): who may enter and what it requires, its roles, its sign-on (an OIDC client
 * and/or a CAS service prefix) and its 办理入口. The platform makes the client secret and
 * shows it once (ClientSecretDialog); 重新生成密钥 replaces it after confirming.
 */
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Radio, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { businessSystemSchema } from '../../../src/backoffice/schemas.ts';
import { ENTRY_REQUIREMENTS, REQUIREMENT_LABELS, SYSTEM_LIMITS } from '../../../src/backoffice/system-rules.ts';
import { AUDIENCE_LABELS } from '../../../src/catalogue/rules.ts';
import { LEVEL_LABELS, REALNAME_LEVELS } from '../../../src/realname/levels.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useAdminOutlet } from './AdminLayout.tsx';
import { errorText } from './admin-api.ts';
import { ClientSecretDialog, type NewSecret } from './ClientSecretDialog.tsx';
import { operatorApi, type SystemView, type SystemWrite } from './operator-api.ts';
import { NotLoaded, SaveRow, useOperatorSave } from './operator-form-page.tsx';
import { FIELD_OF_CODE, NEW_SYSTEM, fieldOf, requestOf, valuesOf, type SystemFormValues } from './system-form-values.ts';
import { RolesField } from './SystemRolesField.tsx';
import { useLoad } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

export function SystemFormPage() {
  const { id } = useParams();
  const creating = id === undefined;
  const loaded = useLoad(() => (creating ? Promise.resolve(undefined) : operatorApi.system(id)), [id]);
  const { t } = useI18n();
  if (!creating && loaded.data === undefined) return <NotLoaded error={loaded.error} />;
  return (
    <Card title={creating ? <PageHeading zh="新增业务系统" en="Register a business system" /> : <PageHeading zh="编辑业务系统" en="Change business system" />}>
      <SystemForm key={id ?? 'new'} system={loaded.data} />
    </Card>
  );
}

function SystemForm({ system }: { system: SystemView | undefined }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { notify } = useAdminOutlet();
  const [form] = Form.useForm<SystemFormValues>();
  const [modal, modalHolder] = Modal.useModal();
  const [secret, setSecret] = useState<NewSecret | null>(null);
  const [current, setCurrent] = useState(system);
  const useOidc = Form.useWatch('useOidc', form);
  const useCas = Form.useWatch('useCas', form);
  const toList = () => navigate('/admin/systems');

  const saved = (result: SystemWrite) => {
    setCurrent(result.system);
    notify(t('保存成功', 'Saved'));
    if (result.clientSecret && result.system.oidc) setSecret({ clientId: result.system.oidc.clientId, clientSecret: result.clientSecret });
    else toList();
  };

  const { saving, problem, setProblem, submit } = useOperatorSave(form, {
    schema: businessSystemSchema,
    requestOf,
    fieldOf,
    fieldOfCode: FIELD_OF_CODE,
    save: async (body) => saved(current ? await operatorApi.updateSystem(current.id, body) : await operatorApi.createSystem(body)),
  });

  const regenerate = async () => {
    if (!current?.oidc) return;
    const confirmed = await modal.confirm({
      title: t('重新生成客户端密钥', 'New client secret'),
      content: t('重新生成后，原密钥立即失效，业务系统须改用新密钥。确定要重新生成吗？', 'The current secret stops working at once; the system must use the new one. Go on?'),
      okText: t('确定', 'OK'),
      cancelText: t('取消', 'Cancel'),
      okButtonProps: { danger: true },
    });
    if (!confirmed) return;
    setProblem(null);
    try {
      const result = await operatorApi.regenerateSecret(current.id);
      setCurrent(result.system);
      setSecret({ clientId: current.oidc.clientId, clientSecret: result.clientSecret });
    } catch (caught) {
      setProblem(errorText(caught, lang));
    }
  };

  const urlHelp = t('以 http:// 或 https:// 开头的完整地址', 'A full address starting with http:// or https://');
  const linesHelp = t('每行一个地址', 'One address a line');

  return (
    <>
      {modalHolder}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ flex: '180px' }}
        labelWrap
        style={{ maxWidth: 880 }}
        initialValues={system ? valuesOf(system) : NEW_SYSTEM}
        onFinish={(values) => void submit(values)}
        onValuesChange={() => setProblem(null)}
      >
        <Form.Item name="name" label={t('系统名称', 'System name')} rules={[{ required: true, whitespace: true, message: t('请填写系统名称', 'Please enter the system name') }]}>
          <Input maxLength={SYSTEM_LIMITS.nameMaxLength} />
        </Form.Item>
        <Form.Item name="department" label={t('主管司局', 'Organising department')} rules={[{ required: true, whitespace: true, message: t('请填写主管司局', 'Please enter the department') }]}>
          <Input maxLength={SYSTEM_LIMITS.departmentMaxLength} />
        </Form.Item>
        <Form.Item
          name="key"
          label={t('系统标识', 'System key')}
          extra={t('办理入口地址 /sso/enter/<系统标识> 的一部分：小写字母、数字和连字符', 'Part of the entry path /sso/enter/<key>: lower-case letters, digits and hyphens')}
          rules={[{ required: true, message: t('请填写系统标识', 'Please enter the system key') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="audience" label={t('可办理对象', 'Who may enter')}>
          <Radio.Group options={(['natural', 'legal', 'both'] as const).map((value) => ({ value, label: AUDIENCE_LABELS[value][lang] }))} />
        </Form.Item>
        <Form.Item name="requiresVerification" label={t('是否需要实名认证', 'Requires verification')} valuePropName="checked">
          <Switch checkedChildren={t('是', 'Yes')} unCheckedChildren={t('否', 'No')} />
        </Form.Item>
        <Form.Item
          name="minimumLevel"
          label={t('最低实名认证级别', 'Minimum real-name level')}
          extra={t(
            '低于该级别的用户在办理入口和单点登录时会被拒绝，并提示如何达到该级别',
            'Users below this level are refused at 办理入口 and at sign-on, and told how to reach it',
          )}
        >
          <Select
            options={[
              { value: 'none', label: t('不要求', 'None') },
              ...REALNAME_LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level][lang] })),
            ]}
          />
        </Form.Item>
        <Form.Item name="requirements" label={t('进入条件', 'Entry requirements')} extra={t('仅对法人单位检查', 'Checked for organisations only')}>
          <Checkbox.Group options={ENTRY_REQUIREMENTS.map((value) => ({ value, label: REQUIREMENT_LABELS[value][lang] }))} />
        </Form.Item>
        <Form.Item name="requiresApproval" label={t('需经系统审核', 'System approves organisations')} valuePropName="checked" extra={t('单位须经该系统审核通过后才获得该系统权限', 'An organisation holds the system only once the system approves it')}>
          <Switch checkedChildren={t('是', 'Yes')} unCheckedChildren={t('否', 'No')} />
        </Form.Item>
        <Form.Item
          name="requiresGrant"
          label={t('需经单位授权', 'Requires authorisation')}
          valuePropName="checked"
          extra={t('自然人须经单位在“用户授权管理”中授予该系统的角色后，才能代表单位进入', 'A natural person enters for an organisation only once it granted them a role in this system')}
        >
          <Switch checkedChildren={t('是', 'Yes')} unCheckedChildren={t('否', 'No')} />
        </Form.Item>
        <RolesField />

        <Form.Item name="useOidc" label={t('使用 OIDC 单点登录', 'OpenID Connect sign-on')} valuePropName="checked">
          <Switch checkedChildren={t('是', 'Yes')} unCheckedChildren={t('否', 'No')} />
        </Form.Item>
        {useOidc && (
          <>
            <Form.Item name="clientId" label={t('OIDC 客户端标识', 'OIDC client ID')} rules={[{ required: true, message: t('请填写 OIDC 客户端标识', 'Please enter the client ID') }]}>
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item name="redirectUris" label={t('回调地址', 'Redirect URIs')} extra={linesHelp} rules={[{ required: true, whitespace: true, message: t('请至少填写一个回调地址', 'Please enter at least one redirect URI') }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="postLogoutRedirectUris" label={t('退出后跳转地址', 'Post-logout redirect URIs')} extra={linesHelp}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="backchannelLogoutUri" label={t('后端退出通知地址', 'Back-channel logout URI')} extra={urlHelp}>
              <Input />
            </Form.Item>
            <Form.Item
              name="idTokenSigning"
              label={t('ID令牌签名算法', 'ID token signature')}
              extra={t('SM2：国密SM2签名（SM3摘要），JWKS中公布曲线为SM2的公钥，验证方法见 examples/sm2-verifier', 'SM2: signed with SM2 and SM3; the key is published in the JWKS on curve SM2, see examples/sm2-verifier')}
            >
              <Select
                options={[
                  { value: 'RS256', label: t('RS256（默认）', 'RS256 (default)') },
                  { value: 'SM2SM3', label: t('SM2（国密）', 'SM2 (Chinese national)') },
                ]}
              />
            </Form.Item>
            {current?.oidc && (
              <Form.Item label={t('客户端密钥', 'Client secret')}>
                <Space>
                  <Typography.Text type="secondary">{current.oidc.hasSecret ? t('已设置（不再显示）', 'Set (not shown again)') : t('未设置', 'Not set')}</Typography.Text>
                  <Button onClick={() => void regenerate()}>{t('重新生成密钥', 'New secret')}</Button>
                </Space>
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="useCas" label={t('使用 CAS 单点登录', 'CAS sign-on')} valuePropName="checked">
          <Switch checkedChildren={t('是', 'Yes')} unCheckedChildren={t('否', 'No')} />
        </Form.Item>
        {useCas && (
          <Form.Item
            name="casServicePrefix"
            label={t('CAS 服务地址前缀', 'CAS service prefix')}
            extra={t('以“/”结尾，例如 https://contract.example.cn/', 'Ends with "/", e.g. https://contract.example.cn/')}
            rules={[{ required: true, whitespace: true, message: t('请填写 CAS 服务地址前缀', 'Please enter the CAS service prefix') }]}
          >
            <Input />
          </Form.Item>
        )}
        {useCas && (
          <Form.Item
            name="casLegacyAttributeNames"
            label={t('同时发送旧属性名（下一版本移除）', 'Also send the old attribute names (removed next release)')}
            valuePropName="checked"
            extra={t(
              '属性名现为 accountId、loginName 等驼峰形式；勾选后同时发送 account_id、login_name 等旧名称，供尚未改用新名称的系统过渡使用',
              'Attributes are now named accountId, loginName …; checked, the old names account_id, login_name … are sent as well, while a system moves over',
            )}
          >
            <Checkbox />
          </Form.Item>
        )}
        <Form.Item
          name="entryUrl"
          label={t('办理入口地址', 'Entry address')}
          extra={t('用户通过办理入口进入系统的地址（OIDC 系统发起登录的地址，或 CAS 系统的服务地址）；不填则暂未开通网上办理', 'Where 办理入口 sends users (the OIDC sign-in start, or the CAS service address); empty: no online entry yet')}
        >
          <Input />
        </Form.Item>
        <Form.Item name="mobileAllowed" label={t('可获取手机号', 'May receive the mobile number')} valuePropName="checked">
          <Switch checkedChildren={t('是', 'Yes')} unCheckedChildren={t('否', 'No')} />
        </Form.Item>
        <SaveRow saving={saving} onBack={toList} />
      </Form>
      <ClientSecretDialog
        secret={secret}
        onClose={() => {
          setSecret(null);
          toList();
        }}
      />
    </>
  );
}
