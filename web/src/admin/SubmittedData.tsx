/**
 * A review's submitted data beside its uploaded files, for the reviewer to compare: codes
 * shown by their Chinese (or English) names, each image captioned by its slot and enlarged
 * on click. Files are readable only while the review is open.
 */
import { Card, Col, Descriptions, Image, Row, Typography } from 'antd';
import { MATERIAL_SLOTS } from '../../../src/realname/materials.ts';
import type { OrganizationData, PersonData } from '../../../src/realname/rules.ts';
import { useI18n } from '../lib/i18n.tsx';
import { reviewFileUrl, type ReviewDetail } from './admin-api.ts';
import { documentTypeName, identityRegionName, legalPersonTypeName, legalRegionName } from './labels.ts';

type Item = { key: string; label: string; children: string };
type I18n = Pick<ReturnType<typeof useI18n>, 't' | 'lang'>;

function personItems(person: PersonData, mobile: string | null, { t, lang }: I18n): Item[] {
  const validTo = person.longTerm ? t('长期有效', 'No expiry') : person.validTo || '—';
  return [
    { key: 'name', label: t('姓名', 'Name'), children: person.name },
    { key: 'region', label: t('类型', 'Identity type'), children: identityRegionName(person.region, lang) },
    { key: 'documentType', label: t('证件类型', 'Document type'), children: documentTypeName(person.documentType, lang) },
    { key: 'documentNumber', label: t('证件号码', 'Document number'), children: person.documentNumber },
    { key: 'validity', label: t('证件有效期', 'Validity'), children: `${person.validFrom || '—'} ${t('至', 'to')} ${validTo}` },
    { key: 'mobile', label: t('手机', 'Mobile'), children: mobile ?? '—' },
  ];
}

function organizationItems(org: OrganizationData, mobile: string | null, { t, lang }: I18n): Item[] {
  const representative = org.legalRepresentative;
  return [
    { key: 'name', label: t('单位名称', 'Organisation name'), children: org.name },
    { key: 'region', label: t('法人所在地区类型', 'Organisation region'), children: legalRegionName(org.region, lang) },
    { key: 'legalPersonType', label: t('法人类型', 'Legal person type'), children: legalPersonTypeName(org.legalPersonType, lang) },
    {
      key: 'code',
      label: org.region === 'domestic' ? t('统一社会信用代码', 'Unified social credit code') : t('单位唯一标识码', 'Unique organisation identifier'),
      children: org.code || '—',
    },
    { key: 'lrName', label: t('法定代表人姓名', 'Legal representative'), children: representative.name },
    { key: 'lrType', label: t('法定代表人证件类型', 'Legal representative document type'), children: documentTypeName(representative.documentType, lang) },
    { key: 'lrNumber', label: t('法定代表人证件号码', 'Legal representative document number'), children: representative.documentNumber },
    { key: 'mobile', label: t('主代办人手机', 'Primary agent mobile'), children: mobile ?? '—' },
  ];
}

export function SubmittedData({ review }: { review: ReviewDetail }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  // In the order of the upload page (front before back), whatever order they were uploaded in.
  const slotOrder = MATERIAL_SLOTS[review.subject].map((s) => s.slot);
  const files = [...review.files].sort((a, b) => slotOrder.indexOf(a.slot) - slotOrder.indexOf(b.slot));
  const items = 'person' in review.data ? personItems(review.data.person, review.mobile, i18n) : organizationItems(review.data.organization, review.mobile, i18n);

  return (
    <Row gutter={24}>
      <Col xs={24} lg={10}>
        <Card type="inner" title={t('提交的信息', 'Submitted information')}>
          <Descriptions bordered size="small" column={1} items={items} />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card type="inner" title={t('上传的材料', 'Uploaded materials')}>
          {review.status === 'open' ? (
            <Image.PreviewGroup>
              <div className="admin-files">
                {files.map((file) => (
                  <figure key={file.uploadId} className="admin-file">
                    <Image src={reviewFileUrl(review.id, file.uploadId)} alt={file.label[lang]} width={240} height={160} />
                    <figcaption>{file.label[lang]}</figcaption>
                  </figure>
                ))}
              </div>
            </Image.PreviewGroup>
          ) : (
            <Typography.Text type="secondary">
              {t('审核已结束，提交的材料不再可查看。', 'The review is closed; its materials can no longer be viewed.')}
            </Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
