/**
 * /admin/service-items/new and /admin/service-items/:id (operators): registering or changing a
 * service item (服务事项): its 事项编码, name, 主办单位, category and audience, the business system
 * its 办理入口 enters, its parent (for a sub-item) and its guide (办事指南) section by section.
 */
import { Alert, AutoComplete, Button, Card, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { serviceItemSchema } from '../../../src/backoffice/schemas.ts';
import { SYSTEM_LIMITS } from '../../../src/backoffice/system-rules.ts';
import { AUDIENCE_LABELS, CATEGORIES, DEPARTMENT_MAX_LENGTH, GUIDE_SECTION_TITLES, type CategoryCode, type GuideSection, type ItemAudience } from '../../../src/catalogue/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { useAdminOutlet } from './AdminLayout.tsx';
import { operatorApi, type ServiceItemView, type SystemView } from './operator-api.ts';
import { NotLoaded, SaveRow, useOperatorSave } from './operator-form-page.tsx';
import type { NamePath } from './operator-forms.ts';
import { useLoad } from './use-load.ts';
import { PageHeading } from '../layout/PageHeading.tsx';

interface ItemFormValues {
  code: string;
  name: string;
  department: string;
  category: CategoryCode;
  audience: ItemAudience;
  systemKey?: string | null;
  parentCode?: string | null;
  guide: GuideSection[];
  sortOrder: number | null;
}

const NEW_ITEM: ItemFormValues = {
  code: '',
  name: '',
  department: '',
  category: 'administrative_licensing',
  audience: 'both',
  systemKey: null,
  parentCode: null,
  guide: [{ title: '服务指南', text: '' }],
  sortOrder: 0,
};

const valuesOf = (item: ServiceItemView): ItemFormValues => ({ ...item, systemKey: item.system?.key ?? null, parentCode: item.parent?.code ?? null });

const requestOf = (values: ItemFormValues) => ({
  code: values.code,
  name: values.name,
  department: values.department,
  category: values.category,
  audience: values.audience,
  systemKey: values.systemKey ?? null,
  parentCode: values.parentCode ?? null,
  guide: values.guide ?? [],
  sortOrder: values.sortOrder ?? 0,
});

function fieldOf(path: NamePath): NamePath {
  const [first, second] = path;
  if (first === 'guide' && typeof second === 'number') return path.slice(0, 3);
  return [first ?? 'name'];
}

const FIELD_OF_CODE: Record<string, NamePath> = {
  ITEM_CODE_TAKEN: ['code'],
  ITEM_SYSTEM_NOT_FOUND: ['systemKey'],
  ITEM_PARENT_NOT_FOUND: ['parentCode'],
  ITEM_PARENT_NOT_TOP: ['parentCode'],
  ITEM_PARENT_SELF: ['parentCode'],
  ITEM_HAS_SUB_ITEMS: ['parentCode'],
};

export function ServiceItemFormPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const creating = id === undefined;
  // The item, and what its selects offer: the registered systems and the items that may be parents.
  const loaded = useLoad(
    () => Promise.all([creating ? Promise.resolve(undefined) : operatorApi.item(id), operatorApi.systems(), operatorApi.items()]),
    [id],
  );
  if (loaded.data === undefined) return <NotLoaded error={loaded.error} />;
  const [item, systems, items] = loaded.data;
  return (
    <Card title={creating ? <PageHeading zh="新增服务事项" en="Register a service item" /> : <PageHeading zh="编辑服务事项" en="Change service item" />}>
      <ItemForm key={id ?? 'new'} item={item} systems={systems.systems} items={items.items} />
    </Card>
  );
}

function ItemForm({ item, systems, items }: { item: ServiceItemView | undefined; systems: SystemView[]; items: ServiceItemView[] }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { notify } = useAdminOutlet();
  const [form] = Form.useForm<ItemFormValues>();
  const toList = () => navigate('/admin/service-items');
  const { saving, problem, setProblem, submit } = useOperatorSave(form, {
    schema: serviceItemSchema,
    requestOf,
    fieldOf,
    fieldOfCode: FIELD_OF_CODE,
    save: async (body) => {
      if (item) await operatorApi.updateItem(item.id, body);
      else await operatorApi.createItem(body);
      notify(t('保存成功', 'Saved'));
      toList();
    },
  });

  const systemOptions = systems.map((s) => ({ value: s.key, label: s.enabled ? s.name : `${s.name}（${t('已停用', 'disabled')}）` }));
  // Only top-level items can hold sub-items, and never the item itself.
  const parentOptions = items.filter((i) => !i.parent && i.id !== item?.id).map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
  const departments = [...new Set(items.map((i) => i.department))].map((value) => ({ value }));

  return (
    <>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ flex: '120px' }}
        style={{ maxWidth: 960 }}
        initialValues={item ? valuesOf(item) : NEW_ITEM}
        onFinish={(values) => void submit(values)}
        onValuesChange={() => setProblem(null)}
      >
        <Form.Item name="code" label={t('事项编码', 'Item code')} extra={t('12位数字，例如 000106003000', '12 digits, e.g. 000106003000')} rules={[{ required: true, message: t('请填写事项编码', 'Please enter the item code') }]}>
          <Input maxLength={12} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="name" label={t('事项名称', 'Item name')} rules={[{ required: true, whitespace: true, message: t('请填写事项名称', 'Please enter the item name') }]}>
          <Input maxLength={SYSTEM_LIMITS.itemNameMaxLength} />
        </Form.Item>
        <Form.Item name="department" label={t('主办单位', 'Department')} rules={[{ required: true, whitespace: true, message: t('请填写主办单位', 'Please enter the department') }]}>
          <AutoComplete options={departments} maxLength={DEPARTMENT_MAX_LENGTH} filterOption />
        </Form.Item>
        <Form.Item name="category" label={t('事项类别', 'Category')}>
          <Radio.Group options={CATEGORIES.map((c) => ({ value: c.code, label: c[lang] }))} />
        </Form.Item>
        <Form.Item name="audience" label={t('服务对象', 'Audience')}>
          <Radio.Group options={(['natural', 'legal', 'both'] as const).map((value) => ({ value, label: AUDIENCE_LABELS[value][lang] }))} />
        </Form.Item>
        <Form.Item name="systemKey" label={t('办理系统', 'Business system')} extra={t('办理入口进入的业务系统；不选则不在线办理', 'The system 办理入口 enters; none: not handled online')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={systemOptions} placeholder={t('不在线办理', 'Not online')} style={{ maxWidth: 400 }} />
        </Form.Item>
        <Form.Item name="parentCode" label={t('上级事项', 'Parent item')} extra={t('子项须选择其所属的一级事项', 'A sub-item names the top-level item it belongs to')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={parentOptions} placeholder={t('无（一级事项）', 'None (top level)')} style={{ maxWidth: 520 }} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('排序号', 'Sort order')} extra={t('数字小的排在前面', 'Smaller numbers come first')}>
          <InputNumber min={0} max={SYSTEM_LIMITS.maxSortOrder} precision={0} />
        </Form.Item>
        <GuideField />
        <SaveRow saving={saving} onBack={toList} />
      </Form>
    </>
  );
}

/** 办事指南: the guide's sections in display order, each a title (the usual ones offered) and its text. */
function GuideField() {
  const { t } = useI18n();
  const titles = GUIDE_SECTION_TITLES.map((value) => ({ value }));
  return (
    <Form.Item label={t('办事指南', 'Guide')}>
      <Form.List name="guide">
        {(fields, { add, remove, move }, { errors }) => (
          <div role="group" aria-label={t('办事指南', 'Guide')}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                role="group"
                aria-label={t(`第${index + 1}栏`, `Section ${index + 1}`)}
                title={t(`第${index + 1}栏`, `Section ${index + 1}`)}
                style={{ marginBottom: 12 }}
                extra={
                  <Space>
                    <Button size="small" disabled={index === 0} onClick={() => move(index, index - 1)}>
                      {t('上移', 'Up')}
                    </Button>
                    <Button size="small" type="link" onClick={() => remove(field.name)}>
                      {t('删除', 'Remove')}
                    </Button>
                  </Space>
                }
              >
                <Form.Item name={[field.name, 'title']} label={t('栏目名称', 'Title')} rules={[{ required: true, whitespace: true, message: t('请填写栏目名称', 'Please enter the title') }]}>
                  <AutoComplete options={titles} maxLength={SYSTEM_LIMITS.guideTitleMaxLength} style={{ maxWidth: 240 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'text']} label={t('栏目内容', 'Text')} rules={[{ required: true, whitespace: true, message: t('请填写栏目内容', 'Please enter the text') }]}>
                  <Input.TextArea rows={4} maxLength={SYSTEM_LIMITS.guideTextMaxLength} />
                </Form.Item>
              </Card>
            ))}
            <Button onClick={() => add({ title: '', text: '' })}>{t('添加栏目', 'Add a section')}</Button>
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}
