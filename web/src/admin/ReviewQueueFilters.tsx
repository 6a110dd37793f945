/**
 * The review queue's own filters (issue 18.1), after 认证主体, 审核状态 and 等待时间: 类型 (the
 * document type, an organisation's legal person type), 提交次数, 排序 by waiting time and a
 * search by the start of the real name or organisation name. All live in the address.
 */
import { Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { DOCUMENT_TYPES, LEGAL_PERSON_TYPES } from '../../../src/accounts/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { FilterSelect } from './QueuePage.tsx';

export const REVIEW_ORDERS = {
  oldest: { zh: '等待最久优先', en: 'Longest waiting first' },
  newest: { zh: '最新提交优先', en: 'Newest first' },
} as const;

export const SUBMISSION_FILTERS = {
  first: { zh: '首次提交', en: 'First submission' },
  repeat: { zh: '再次提交', en: 'Submitted again' },
} as const;

interface Address {
  params: URLSearchParams;
  change(updates: Record<string, string | number | undefined>): void;
}

/** The types the chosen subject can have: documents for persons, legal person types for organisations. */
function typeOptions(subject: string | null) {
  const documents = subject === 'organization' ? [] : DOCUMENT_TYPES;
  const organizations = subject === 'natural_person' || subject === 'primary_agent' ? [] : LEGAL_PERSON_TYPES;
  return [...documents, ...organizations];
}

function NameSearch({ value, onSearch }: { value: string; onSearch(name: string): void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Form.Item label={t('姓名/单位名称', 'Name')} htmlFor="queue-name">
      <Input.Search id="queue-name" style={{ width: 200 }} value={text} maxLength={100} allowClear onChange={(e) => setText(e.target.value)} onSearch={(name) => onSearch(name.trim())} enterButton={t('搜索', 'Search')} />
    </Form.Item>
  );
}

export function ReviewQueueFilters({ params, change }: Address) {
  const { t, lang } = useI18n();
  const subject = params.get('subject');
  const types = typeOptions(subject);
  const type = types.some((option) => option.value === params.get('type')) ? (params.get('type') as string) : '';
  return (
    <>
      <FilterSelect
        id="queue-type"
        label={t('类型', 'Type')}
        value={type}
        onChange={(value) => change({ type: value })}
        options={[{ value: '', label: t('全部', 'All') }, ...types.map((option) => ({ value: option.value, label: option[lang] }))]}
      />
      <FilterSelect
        id="queue-submissions"
        label={t('提交次数', 'Submissions')}
        value={params.get('submissions') ?? ''}
        onChange={(value) => change({ submissions: value })}
        options={[{ value: '', label: t('全部', 'All') }, ...Object.entries(SUBMISSION_FILTERS).map(([value, label]) => ({ value, label: label[lang] }))]}
      />
      <FilterSelect
        id="queue-order"
        label={t('排序', 'Order')}
        value={params.get('order') === 'newest' ? 'newest' : 'oldest'}
        onChange={(value) => change({ order: value === 'oldest' ? undefined : value })}
        options={Object.entries(REVIEW_ORDERS).map(([value, label]) => ({ value, label: label[lang] }))}
      />
      <NameSearch value={params.get('name') ?? ''} onSearch={(name) => change({ name })} />
    </>
  );
}
