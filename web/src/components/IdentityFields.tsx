import { Checkbox, Form, Input, Radio, Select, Space, type DatePickerProps } from 'antd';
import { useId } from 'react';
import { DateInput } from './DateInput.tsx';
import dayjs, { type Dayjs } from 'dayjs';
import {
  DOCUMENT_NUMBER_FORMAT_HINTS,
  DOCUMENT_TYPES,
  IDENTITY_REGIONS,
  checkDocumentNumber,
  documentTypesForRegion,
  requiresValidityStart,
  type DocumentType,
  type IdentityRegion,
} from '../../../src/accounts/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { messageFor, schemaRule } from '../lib/forms.ts';
import { personName } from '../../../src/platform/fields/names.ts';

type NamePath = (string | number)[];

export interface IdentityFieldsProps {
  /** Where the fields sit in the form's values, e.g. [] or ['legalRepresentative']. */
  path?: NamePath;
  /** Label prefix as the seed prints it, e.g. '法定代表人' gives 法定代表人证件类型. */
  labelPrefix?: { zh: string; en: string };
  /** Labels of the region radio group: 身份类型 on registration, 类型 in My information. */
  regionLabel?: { zh: string; en: string };
  /** Document number shown masked ('1307********031x') counts as unchanged and is not format-checked. */
  maskedDocumentNumber?: string;
  nameLabel?: { zh: string; en: string } | null;
  /** false where the document's dates are not asked (the appeals: the scan shows them). */
  withValidity?: boolean;
  /** The message when the region is left empty, where the seeds have their own (法定代表人类型不能为空). */
  regionRequiredCode?: string;
}

const DATE_FORMAT = 'YYYY-MM-DD';

/** Form values for dates are 'YYYY-MM-DD' strings; the picker works with dayjs. */
export const dateProps = {
  getValueProps: (value: string | undefined) => ({ value: value ? dayjs(value, DATE_FORMAT) : undefined }),
  normalize: (value: Dayjs | null) => (value ? value.format(DATE_FORMAT) : ''),
};

/**
 * A date of a pair under one label: antd points its aria-describedby at a message element of its
 * own that a `noStyle` item never renders; it points at the pair's messages instead.
 */
function PairedDate({ messagesId, ...props }: DatePickerProps & { messagesId: string }) {
  return <DateInput {...props} aria-describedby={props['aria-invalid'] ? messagesId : undefined} />;
}

/** The messages of the dates (shown by the labelled item), for aria-describedby only. */
function PairMessages({ id, names }: { id: string; names: NamePath[] }) {
  return (
    <Form.Item noStyle shouldUpdate>
      {(form) => (
        <span id={id} hidden>
          {names.flatMap((name) => form.getFieldError(name)).join('；')}
        </span>
      )}
    </Form.Item>
  );
}

/**
 * 姓名, 身份类型, 证件类型 (only the types allowed for the chosen region), 证件号码 (checked by
 * type), 证件有效期 with 长期有效: one identity, used for natural persons, legal
 * representatives and primary agents.
 */
export function IdentityFields({ path = [], labelPrefix, regionLabel, maskedDocumentNumber, nameLabel, withValidity = true, regionRequiredCode }: IdentityFieldsProps) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance();
  const validityMessagesId = useId();
  const prefix = labelPrefix ? t(labelPrefix.zh, labelPrefix.en) : '';
  const label = (zh: string, en: string) => {
    if (!prefix) return t(zh, en);
    return lang === 'zh' ? `${prefix}${zh}` : `${prefix.trimEnd()} ${en.charAt(0).toLowerCase()}${en.slice(1)}`;
  };
  const region = Form.useWatch([...path, 'region'], form) as IdentityRegion | undefined;
  const documentType = Form.useWatch([...path, 'documentType'], form) as DocumentType | undefined;
  const longTerm = Form.useWatch([...path, 'longTerm'], form) as boolean | undefined;
  const allowed = region ? documentTypesForRegion(region) : [];
  const required = { required: true, message: t('此项为必填项', 'This field is required') };
  const idCard = documentType ? requiresValidityStart(documentType) : false;
  // A label on a radio group's <div> names nothing: the group carries its own accessible name.
  const regionText = regionLabel ? t(regionLabel.zh, regionLabel.en) : label('身份类型', 'Identity type');

  return (
    <>
      {nameLabel !== null && (
        <Form.Item name={[...path, 'name']} label={nameLabel ? t(nameLabel.zh, nameLabel.en) : label('姓名', 'Name')} rules={[required, schemaRule(personName, lang)]}>
          <Input autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name={[...path, 'region']} label={regionText} rules={[regionRequiredCode ? { required: true, message: messageFor(regionRequiredCode, lang) } : required]}>
        <Radio.Group
          aria-label={regionText}
          onChange={() => form.setFieldValue([...path, 'documentType'], undefined)}
          options={IDENTITY_REGIONS.map((r) => ({ value: r.value, label: t(r.zh, r.en) }))}
        />
      </Form.Item>
      <Form.Item name={[...path, 'documentType']} label={label('证件类型', 'Document type')} rules={[required]}>
        <Select
          placeholder={t('-请选择-', '- Select -')}
          disabled={!region}
          options={DOCUMENT_TYPES.filter((d) => allowed.includes(d.value)).map((d) => ({ value: d.value, label: t(d.zh, d.en) }))}
        />
      </Form.Item>
      <Form.Item
        name={[...path, 'documentNumber']}
        label={label('证件号码', 'Document number')}
        extra={documentType ? t(DOCUMENT_NUMBER_FORMAT_HINTS[documentType].zh, DOCUMENT_NUMBER_FORMAT_HINTS[documentType].en) : undefined}
        dependencies={[[...path, 'documentType']]}
        rules={[
          required,
          {
            validator: async (_, value: string | undefined) => {
              // The type as it is now: a change of type re-runs this before the next render.
              const type = form.getFieldValue([...path, 'documentType']) as DocumentType | undefined;
              if (!value || !type || value === maskedDocumentNumber) return;
              const result = checkDocumentNumber(type, value.trim().toUpperCase());
              if (!result.ok) throw new Error(messageFor(result.code, lang) ?? result.code);
            },
          },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      {withValidity && (
        <Form.Item label={label('证件有效期', 'Document validity')} required={idCard}>
          <Space wrap>
            <Form.Item
              name={[...path, 'validFrom']}
              noStyle
              {...dateProps}
              rules={idCard ? [{ required: true, message: messageFor('VALIDITY_START_REQUIRED', lang) }] : []}
            >
              <PairedDate messagesId={validityMessagesId} aria-label={label('证件有效期起始日期', 'Valid from')} placeholder={t('起始日期', 'From')} />
            </Form.Item>
            <span>{t('至', 'to')}</span>
            <Form.Item
              name={[...path, 'validTo']}
              noStyle
              {...dateProps}
              dependencies={[[...path, 'longTerm'], [...path, 'validFrom']]}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    const from = form.getFieldValue([...path, 'validFrom']) as string | undefined;
                    if (idCard && !value && !form.getFieldValue([...path, 'longTerm'])) throw new Error(messageFor('VALIDITY_END_REQUIRED', lang));
                    if (value && from && value < from) throw new Error(messageFor('VALIDITY_RANGE', lang));
                  },
                },
              ]}
            >
              <PairedDate messagesId={validityMessagesId} aria-label={label('证件有效期终止日期', 'Valid to')} placeholder={t('终止日期', 'To')} disabled={Boolean(longTerm)} />
            </Form.Item>
            <Form.Item name={[...path, 'longTerm']} valuePropName="checked" noStyle>
              <Checkbox aria-label={label('长期有效', 'Long-term')} onChange={(e) => e.target.checked && form.setFieldValue([...path, 'validTo'], '')}>
                {t('长期有效', 'Long-term')}
              </Checkbox>
            </Form.Item>
          </Space>
          <PairMessages id={validityMessagesId} names={[[...path, 'validFrom'], [...path, 'validTo']]} />
        </Form.Item>
      )}
    </>
  );
}
