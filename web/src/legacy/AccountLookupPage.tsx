import { Alert, Button, Card, ConfigProvider, Form, Input, Select } from 'antd';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { checkLookupQuery, LOOKUP_QUERY_MAX, type LegacyLookupInput } from '../../../src/legacy/lookup-schemas.ts';
import { isLegacySource } from '../../../src/legacy/sources.ts';
import { CaptchaField } from '../components/CaptchaField.tsx';
import { FORM_LAYOUT, TAIL_LAYOUT } from '../components/formLayout.ts';
import { READ_AS_WRITTEN } from '../lib/button-config.tsx';
import { applyServerError, ruleValidator } from '../lib/forms.ts';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { lookupLegacyAccount, type LegacyGuidance } from './lookup-api.ts';
import { LookupAnswer } from './LookupAnswer.tsx';
import { LOOKUP_TEXTS as T, SOURCE_OPTIONS } from './texts.ts';
import './legacy.css';

/**
 * 账号检索 (public): the old system, a credit code, old login name or mobile, the image
 * captcha; the answer says in the seeds' words which window and login name to use, or to
 * register, reset or appeal. ?source= preselects the old system.
 */
export function AccountLookupPage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LegacyLookupInput>();
  const [captchaSignal, setCaptchaSignal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<LegacyGuidance | null>(null);
  const [searching, setSearching] = useState(false);
  const answerRef = useRef<HTMLElement>(null);
  const source = Form.useWatch('source', form);
  const option = SOURCE_OPTIONS.find((o) => o.source === source);
  const initialSource = params.get('source');

  const submit = async (values: LegacyLookupInput) => {
    setError(null);
    setAnswer(null);
    setSearching(true);
    try {
      const guidance = await lookupLegacyAccount({ source: values.source, query: values.query.trim(), captchaId: values.captchaId ?? '', captcha: values.captcha ?? '' });
      setAnswer(guidance);
      requestAnimationFrame(() => answerRef.current?.scrollIntoView({ block: 'nearest' }));
    } catch (caught) {
      setError(applyServerError(form, caught, lang));
    } finally {
      // Every attempt spends the captcha, right or wrong: the next search needs a new one.
      setCaptchaSignal((n) => n + 1);
      setSearching(false);
    }
  };

  // Buttons read as written (检索, not 检 索).
  return (
    <ConfigProvider button={READ_AS_WRITTEN}>
      <Card className="page-card registration legacy-lookup">
        <PageHeading zh={T.title.zh} en={T.title.en} />
        <ol className="form-notes" aria-label={t(T.notesTitle.zh, T.notesTitle.en)}>
          {T.notes.map((note) => (
            <li key={note.zh}>{t(note.zh, note.en)}</li>
          ))}
        </ol>
        <Form
          form={form}
          name="legacy-lookup"
          {...FORM_LAYOUT}
          onFinish={submit}
          onValuesChange={() => setError(null)}
          initialValues={{ source: isLegacySource(initialSource) ? initialSource : undefined }}
        >
          <Form.Item name="source" label={t(T.source.zh, T.source.en)} rules={[{ required: true, message: t(T.sourceRequired.zh, T.sourceRequired.en) }]}>
            <Select
              placeholder={t(T.sourceRequired.zh, T.sourceRequired.en)}
              options={SOURCE_OPTIONS.map((o) => ({ value: o.source, label: t(o.label.zh, o.label.en) }))}
            />
          </Form.Item>
          <Form.Item
            name="query"
            label={t(T.query.zh, T.query.en)}
            dependencies={['source']}
            rules={[
              { required: true, whitespace: true, message: t(T.queryRequired.zh, T.queryRequired.en) },
              // What the source's lookup takes (credit code, mobile, login name): the server's own check.
              ...(source ? [{ validator: ruleValidator((value) => checkLookupQuery(source, value.trim()), lang) }] : []),
            ]}
          >
            <Input
              autoComplete="off"
              maxLength={LOOKUP_QUERY_MAX}
              placeholder={option ? t(option.query.zh, option.query.en) : t(T.queryPlaceholder.zh, T.queryPlaceholder.en)}
            />
          </Form.Item>
          <CaptchaField refreshSignal={captchaSignal} />
          {error && (
            <Form.Item {...TAIL_LAYOUT}>
              <Alert type="error" showIcon title={error} />
            </Form.Item>
          )}
          <Form.Item {...TAIL_LAYOUT}>
            <Button type="primary" htmlType="submit" loading={searching}>
              {t(T.search.zh, T.search.en)}
            </Button>
          </Form.Item>
        </Form>
        {answer && <LookupAnswer ref={answerRef} guidance={answer} />}
      </Card>
    </ConfigProvider>
  );
}
