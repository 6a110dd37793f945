/**
 * /admin/notices/new and /admin/notices/:id (operators): writing a notice (通知公告): 标题, 正文
 * in the markdown subset (with a preview as the portal shows it), 发布时间 and optional 到期时间
 * in Beijing time, 置顶; once saved, its attachments and 发布 / 撤回 / 置顶.
 */
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, List, Space, Tabs, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { NOTICE_ATTACHMENT_EXTENSIONS, NOTICE_ATTACHMENT_MAX_BYTES } from '../../../src/notices/attachments.ts';
import { NOTICE_LIMITS } from '../../../src/notices/rules.ts';
import { formatChinaDateTime } from '../../../src/platform/fields/datetime.ts';
import { PageHeading } from '../layout/PageHeading.tsx';
import { applyServerError } from '../lib/forms.ts';
import { useI18n } from '../lib/i18n.tsx';
import { RichText } from '../notices/RichText.tsx';
import { fileSize } from '../notices/notices-api.ts';
import { errorText } from './admin-api.ts';
import { ACTION_LABELS, NoticeStatusTag, noticeActions } from './NoticesPage.tsx';
import { noticesApi, type AdminNotice, type NoticeAction } from './notices-api.ts';

const TIME_FORMAT = 'YYYY-MM-DD HH:mm';

interface Values {
  title: string;
  body: string;
  publishAt: Dayjs | null;
  expiresAt: Dayjs | null;
  pinned: boolean;
}

const valuesOf = (notice: AdminNotice): Values => ({
  title: notice.title,
  body: notice.body,
  publishAt: dayjs(formatChinaDateTime(new Date(notice.publishAt)), TIME_FORMAT),
  expiresAt: notice.expiresAt ? dayjs(formatChinaDateTime(new Date(notice.expiresAt)), TIME_FORMAT) : null,
  pinned: notice.pinned,
});

/** The form's times are Beijing wall-clock times; the server reads them so, whatever the browser's zone. */
const requestOf = (values: Values) => ({
  title: values.title ?? '',
  body: values.body ?? '',
  publishAt: values.publishAt ? values.publishAt.format(TIME_FORMAT) : '',
  expiresAt: values.expiresAt ? values.expiresAt.format(TIME_FORMAT) : '',
  pinned: Boolean(values.pinned),
});

const FORMAT_HELP = {
  zh: '格式：“## 标题”“### 小标题”，**粗体**，*斜体*，“- 列表”“1. 编号列表”，[链接文字](https://…)；空行分段。不支持HTML。',
  en: 'Format: "## heading", "### subheading", **bold**, *italic*, "- list", "1. numbered list", [link text](https://…); a blank line starts a paragraph. No HTML.',
};

export function NoticeFormPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { id } = useParams();
  const [form] = Form.useForm<Values>();
  const [notice, setNotice] = useState<AdminNotice>();
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const body = Form.useWatch('body', form) ?? '';

  useEffect(() => {
    setProblem(undefined);
    if (!id) {
      setNotice(undefined);
      form.setFieldsValue({ title: '', body: '', publishAt: dayjs(formatChinaDateTime(new Date()), TIME_FORMAT), expiresAt: null, pinned: false });
      return;
    }
    noticesApi.get(id).then(
      (loaded) => {
        setNotice(loaded);
        form.setFieldsValue(valuesOf(loaded));
      },
      (failure: unknown) => setProblem(errorText(failure, lang)),
    );
  }, [id]);

  async function save(values: Values) {
    setSaving(true);
    setProblem(undefined);
    setSaved(undefined);
    try {
      const result = id ? await noticesApi.update(id, requestOf(values)) : await noticesApi.create(requestOf(values));
      setNotice(result);
      setSaved(t('已保存', 'Saved'));
      if (!id) navigate(`/admin/notices/${result.id}`, { replace: true });
    } catch (failure) {
      setProblem(applyServerError(form, failure, lang));
    } finally {
      setSaving(false);
    }
  }

  async function act(action: NoticeAction) {
    if (!notice) return;
    setProblem(undefined);
    setSaved(undefined);
    try {
      const result = await noticesApi.act(notice.id, action);
      setNotice(result);
      // 置顶 / 取消置顶 change what the form would save: keep its checkbox in step.
      form.setFieldValue('pinned', result.pinned);
      setSaved(t(`已${ACTION_LABELS[action].zh}`, `${ACTION_LABELS[action].en}: done`));
    } catch (failure) {
      setProblem(errorText(failure, lang));
    }
  }

  async function attach(file: File) {
    if (!notice) return;
    setUploading(true);
    setProblem(undefined);
    try {
      const added = await noticesApi.attach(notice.id, file);
      setNotice({ ...notice, attachments: [...notice.attachments, added] });
    } catch (failure) {
      setProblem(errorText(failure, lang));
    } finally {
      setUploading(false);
    }
  }

  async function detach(attachmentId: string) {
    if (!notice) return;
    try {
      await noticesApi.detach(notice.id, attachmentId);
      setNotice({ ...notice, attachments: notice.attachments.filter((a) => a.id !== attachmentId) });
    } catch (failure) {
      setProblem(errorText(failure, lang));
    }
  }

  return (
    <Card title={<PageHeading zh={id ? '编辑通知公告' : '新增通知公告'} en={id ? 'Edit notice' : 'New notice'} />} extra={<Button onClick={() => navigate('/admin/notices')}>{t('返回列表', 'Back to the list')}</Button>}>
      {problem && <Alert type="error" showIcon title={problem} role="alert" style={{ marginBottom: 16 }} />}
      {saved && <Alert type="success" showIcon title={saved} role="status" style={{ marginBottom: 16 }} />}
      {notice && (
        <Space wrap style={{ marginBottom: 16 }} role="group" aria-label={t('状态', 'State')}>
          <NoticeStatusTag status={notice.status} />
          {noticeActions(notice).map((action) => (
            <Button key={action} type={action === 'publish' ? 'primary' : 'default'} onClick={() => act(action)}>
              {ACTION_LABELS[action][lang]}
            </Button>
          ))}
        </Space>
      )}
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 800 }}>
        <Form.Item name="title" label={t('标题', 'Title')} rules={[{ required: true, whitespace: true, message: t('请填写标题', 'Please enter the title') }]}>
          <Input maxLength={NOTICE_LIMITS.titleMaxLength} showCount />
        </Form.Item>
        <Form.Item label={t('正文', 'Text')} required>
          <Tabs
            items={[
              {
                key: 'edit',
                label: t('编辑', 'Edit'),
                children: (
                  <Form.Item name="body" noStyle rules={[{ required: true, whitespace: true, message: t('请填写正文', 'Please enter the text') }]}>
                    <Input.TextArea aria-label={t('正文', 'Text')} aria-describedby="notice-format-help" autoSize={{ minRows: 8, maxRows: 24 }} maxLength={NOTICE_LIMITS.bodyMaxLength} />
                  </Form.Item>
                ),
              },
              { key: 'preview', label: t('预览', 'Preview'), children: <RichText source={body} /> },
            ]}
          />
          <Typography.Text type="secondary" id="notice-format-help">
            {FORMAT_HELP[lang]}
          </Typography.Text>
        </Form.Item>
        <Space wrap size={[16, 0]} align="start">
          <Form.Item name="publishAt" label={t('发布时间（北京时间）', 'Publish time (Beijing)')} rules={[{ required: true, message: t('请选择发布时间', 'Please choose the publish time') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} needConfirm={false} />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('到期时间（北京时间，可不填）', 'Expiry time (Beijing, optional)')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} needConfirm={false} />
          </Form.Item>
        </Space>
        <Form.Item name="pinned" valuePropName="checked">
          <Checkbox>{t('置顶', 'Pinned')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('保存', 'Save')}
        </Button>
      </Form>
      <section aria-labelledby="notice-attachments-title" style={{ marginTop: 24 }}>
        <Typography.Title level={2} id="notice-attachments-title" style={{ fontSize: 16 }}>
          {t('附件', 'Attachments')}
        </Typography.Title>
        {notice ? (
          <>
            <List
              size="small"
              bordered
              dataSource={notice.attachments}
              locale={{ emptyText: t('暂无附件', 'No attachments') }}
              renderItem={(file) => (
                <List.Item
                  actions={[
                    <Button key="remove" size="small" danger onClick={() => detach(file.id)} aria-label={`${t('删除', 'Remove')}：${file.fileName}`}>
                      {t('删除', 'Remove')}
                    </Button>,
                  ]}
                >
                  <a href={noticesApi.fileUrl(notice.id, file.id)} download={file.fileName} style={{ overflowWrap: 'anywhere' }}>
                    {file.fileName}
                  </a>
                  <Typography.Text type="secondary"> {fileSize(file.size)}</Typography.Text>
                </List.Item>
              )}
            />
            <Upload
              accept={NOTICE_ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',')}
              showUploadList={false}
              beforeUpload={(file) => {
                void attach(file);
                return false;
              }}
            >
              <Button loading={uploading} style={{ marginTop: 12 }}>
                {t('上传附件', 'Upload an attachment')}
              </Button>
            </Upload>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t(
                `PDF、图片（jpg、png）或Office文档，每个不超过${NOTICE_ATTACHMENT_MAX_BYTES / 1024 / 1024}MB，最多${NOTICE_LIMITS.maxAttachments}个。`,
                `PDF, images (jpg, png) or Office documents, each at most ${NOTICE_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB, at most ${NOTICE_LIMITS.maxAttachments}.`,
              )}
            </Typography.Paragraph>
          </>
        ) : (
          <Typography.Text type="secondary">{t('保存后即可上传附件。', 'Save the notice first, then upload attachments.')}</Typography.Text>
        )}
      </section>
    </Card>
  );
}
