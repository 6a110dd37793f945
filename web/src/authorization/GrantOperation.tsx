/**
 * 用户授权管理 → 授权操作 (FAQ 10.1): find a verified natural person by real name and document
 * number (10.3), tick roles per business system the organisation holds (10.4), 确定授权.
 */
import { Alert, Button, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { authorizationApi, type AuthorizationView, type FoundPerson, type HeldSystem } from './authorization-api.ts';
import { GrantFields, emptyGrant, grantFormProblem, grantValuesOf, systemsToShow, toRequest, type GrantValues } from './GrantFields.tsx';
import { errorMessage } from './errors.ts';
import { useIsPhone } from '../components/ResponsiveTable.tsx';

/** FAQ 10.3 and 10.4, as the page explains them. */
export const SEARCH_HINTS = {
  zh: ['给自然人授权的前提是自然人需要完成实名认证。', '姓名需要填写自然人姓名，而不是登录名。'],
  en: ['Only natural persons who completed real-name verification can be authorised.', 'Enter the person’s real name, not their login name.'],
};
export const HOLD_FIRST = {
  zh: '法人实名认证之后需要在服务事项中找到相关系统的办理入口，进入一次才能获取权限，才能给自然人授予此系统权限。需经业务系统审核的系统（如外国专家项目管理信息系统），进入后显示“待业务系统审核”，审核通过后才能授权，无需再次进入。',
  en: 'After the organisation is verified, it must enter the business system once through its entry point (办理入口) under Service items; only then can it grant that system to natural persons. Systems that approve organisations (such as 外国专家项目管理信息系统) show “待业务系统审核” (awaiting approval) after the entry; the organisation can authorise persons there once approved, without entering again.',
};

interface Found {
  person: FoundPerson;
  authorization: AuthorizationView | null;
}

export function GrantOperation({ held, pending }: { held: HeldSystem[]; pending: { key: string; name: string }[] }) {
  const { t, lang } = useI18n();
  const [searchForm] = Form.useForm<{ name: string; documentNumber: string }>();
  const [searching, setSearching] = useState(false);
  const [found, setFound] = useState<Found | null>(null);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const search = async (values: { name: string; documentNumber: string }) => {
    setSearching(true);
    setFound(null);
    setNotFound(null);
    setDone(null);
    try {
      setFound(await authorizationApi.search({ name: values.name.trim(), documentNumber: values.documentNumber.trim() }));
    } catch (error) {
      setNotFound(errorMessage(error, lang));
    } finally {
      setSearching(false);
    }
  };

  // Entered once, awaiting the business system's approval (FAQ 五.1(2)): not to be entered again.
  const awaiting = pending.length > 0 && (
    <Alert
      type="info"
      showIcon
      className="grant-pending"
      title={t('待业务系统审核：', 'Awaiting the business system’s approval: ') + pending.map((system) => system.name).join('、')}
      description={t('审核通过后即可给自然人授予这些系统的权限，无需再次进入。', 'Once approved, the organisation can grant these systems to persons, without entering again.')}
    />
  );

  if (held.length === 0) {
    return (
      <>
        {awaiting}
        <Alert
          type="warning"
          showIcon
          title={t('本单位尚未拥有可授权的业务系统，暂不能给自然人授权。', 'Your organisation holds no business system yet, so it cannot authorise anyone.')}
          description={
            <>
              <p>{HOLD_FIRST[lang]}</p>
              <Link to="/services">{t('前往服务事项', 'Go to Service items')}</Link>
            </>
          }
        />
      </>
    );
  }

  return (
    <section aria-label={t('授权操作', 'Grant')}>
      {awaiting}
      <Form form={searchForm} layout="inline" className="grant-search" onFinish={search} requiredMark={false}>
        <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, whitespace: true, message: t('请输入姓名', 'Enter the name') }]}>
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item name="documentNumber" label={t('证件号码', 'Document number')} rules={[{ required: true, whitespace: true, message: t('请输入证件号码', 'Enter the document number') }]}>
          <Input autoComplete="off" maxLength={30} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={searching} autoInsertSpace={false}>
          {t('查询', 'Search')}
        </Button>
      </Form>
      <ul className="grant-hints">
        {SEARCH_HINTS[lang].map((hint) => (
          <li key={hint}>{hint}</li>
        ))}
      </ul>
      {notFound && <Alert type="error" showIcon title={notFound} className="grant-alert" />}
      {done && <Alert type="success" showIcon title={done} className="grant-alert" />}
      {found && (
        <GrantForm
          key={found.person.personId}
          found={found}
          held={held}
          onGranted={(text) => {
            setFound(null);
            setDone(text);
          }}
        />
      )}
    </section>
  );
}

function GrantForm({ found, held, onGranted }: { found: Found; held: HeldSystem[]; onGranted(text: string): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<GrantValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { person, authorization } = found;
  const phone = useIsPhone();

  const grant = async () => {
    const values = form.getFieldsValue(true) as GrantValues;
    const local = grantFormProblem(values, lang);
    setProblem(local);
    if (local) return;
    setSaving(true);
    try {
      await authorizationApi.grant(person.personId, toRequest(values));
      onGranted(t(`已授权给 ${person.name}。`, `${person.name} is authorised.`));
    } catch (error) {
      setProblem(errorMessage(error, lang));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-label={t('授权用户', 'Person to authorise')} className="grant-found">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        title={t('授权用户信息', 'Person')}
        items={[
          { key: 'name', label: t('姓名', 'Name'), children: person.name },
          { key: 'document', label: t('证件号码', 'Document number'), children: person.documentNumberMasked },
        ]}
      />
      {authorization && (
        <Alert
          type="info"
          showIcon
          className="grant-alert"
          title={t('该用户已获得本单位授权，确定授权后将以本次勾选的内容替换原授权。', 'This person is already authorised by your organisation; granting replaces the current authorisation.')}
        />
      )}
      <Form form={form} {...(phone ? { layout: 'vertical' as const } : { layout: 'horizontal' as const, labelCol: { span: 5 }, wrapperCol: { span: 17 } })} initialValues={authorization ? grantValuesOf(authorization) : emptyGrant()} onFinish={grant}>
        <GrantFields systems={systemsToShow(held, authorization)} />
        <Form.Item wrapperCol={phone ? undefined : { offset: 5, span: 17 }}>
          {problem && <Alert type="error" showIcon title={problem} className="grant-alert" />}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={saving} autoInsertSpace={false}>
              {t('确定授权', 'Grant')}
            </Button>
            <Typography.Text type="secondary">{t('法人用户给自然人授权，只能将本单位所拥有的权限给自然人用户。', 'An organisation can only grant what it holds itself.')}</Typography.Text>
          </Space>
        </Form.Item>
      </Form>
    </section>
  );
}
