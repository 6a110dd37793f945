/**
 * /consult 办事咨询: the support contacts and the FAQ (常见问题) of the seed, word for word,
 * grouped by the FAQ's sections, each question a collapsible panel; a search box filters
 * questions and answers and marks what it found.
 */
import { Card, Col, Collapse, Empty, Input, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { PageHeading } from '../layout/PageHeading.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { SUPPORT_CONTACTS } from './contacts.ts';
import { FAQ, highlight, searchFaq } from './faq.ts';
import './consult.css';

/** The seed's **bold** marks are emphasis, not words: shown without them. */
const shown = (text: string) => text.replace(/\*\*/g, '');

function Marked({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlight(shown(text), query).map((piece, i) =>
        piece.match ? (
          <mark key={i} className="consult-mark">
            {piece.text}
          </mark>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}

function Contacts() {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="consult-contacts">
      <Typography.Title level={2} id="consult-contacts" style={{ fontSize: 18 }}>
        {t('咨询联系', 'Contacts')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {SUPPORT_CONTACTS.map((contact) => (
          <Col xs={24} md={12} xl={8} key={contact.topic.zh}>
            <Card size="small" className="consult-contact" title={<Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>{contact.topic[lang]}</Typography.Title>}>
              <dl>
                {contact.lines.map((line) => (
                  <div key={line.label.zh} style={{ display: 'contents' }}>
                    <dt>{line.label[lang]}</dt>
                    <dd>{line.href ? <a href={line.href}>{line.value}</a> : line.value}</dd>
                  </div>
                ))}
              </dl>
            </Card>
          </Col>
        ))}
      </Row>
    </section>
  );
}

function Faq() {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchFaq(FAQ, query), [query]);
  const [open, setOpen] = useState<string[]>([]);
  const searching = query.trim() !== '';
  const count = found.reduce((n, s) => n + s.questions.length, 0);
  return (
    <section aria-labelledby="consult-faq" className="consult-faq" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="consult-faq" style={{ fontSize: 18 }}>
        {t('常见问题', 'Frequently asked questions')}
      </Typography.Title>
      <Input.Search
        allowClear
        aria-label={t('搜索常见问题', 'Search the FAQ')}
        placeholder={t('输入关键词，如：忘记密码、授权、验证码', 'Keywords, e.g. 忘记密码, 授权, 验证码')}
        onChange={(event) => setQuery(event.target.value)}
        onSearch={setQuery}
        style={{ maxWidth: 480 }}
      />
      <div role="status" aria-live="polite" style={{ marginTop: 8 }}>
        {searching && <Typography.Text type="secondary">{t(`找到${count}个相关问题`, `${count} matching question(s)`)}</Typography.Text>}
      </div>
      {found.length === 0 && <Empty description={t('没有找到相关问题，请换个关键词或拨打技术支持电话咨询。', 'No question matches. Try other words or call technical support.')} />}
      {found.map((section) => (
        <div key={section.title}>
          <Typography.Title level={3} className="consult-faq-section">
            {section.title}
          </Typography.Title>
          <Collapse
            // While searching every question found is open, so the words found show.
            activeKey={searching ? section.questions.map((q) => `${section.title}|${q.question}`) : open}
            onChange={(keys) => !searching && setOpen((before) => [...before.filter((k) => !k.startsWith(`${section.title}|`)), ...(keys as string[])])}
            items={section.questions.map((q) => ({
              key: `${section.title}|${q.question}`,
              label: <Marked text={q.question} query={query} />,
              children: (
                <div className="consult-answer">
                  {q.answer.map((paragraph, i) => (
                    <p key={i}>
                      <Marked text={paragraph} query={query} />
                    </p>
                  ))}
                </div>
              ),
            }))}
          />
        </div>
      ))}
    </section>
  );
}

export function ConsultPage() {
  return (
    <div className="page-card">
      <Card>
        <PageHeading zh="办事咨询" en="Enquiries" />
        <Contacts />
        <Faq />
      </Card>
    </div>
  );
}
