/**
 * The sections of 我的信息 and their fields: labels as the seeds print them, which
 * fields are required (带*号的为必填项), and which trigger real-name verification
 * (修改是否触发实名认证). Forms, completeness checks and update records read this.
 */
import { organizationCodeRequirement, requiresValidityStart, type DocumentType, type LegalPersonType, type LegalRegion } from './rules.ts';

export type Section = 'natural_person' | 'organization_basic' | 'organization_other' | 'primary_agent';

export interface FieldLabel {
  zh: string;
  en: string;
}

type Values = Record<string, unknown>;

interface FieldSpec extends FieldLabel {
  required?: boolean | ((values: Values) => boolean);
  triggersVerification?: boolean;
  /** Shown masked and recorded masked in update records. */
  personal?: 'mobile' | 'document';
}

const identityValidityRequired = (values: Values) => requiresValidityStart(values.documentType as DocumentType);

const domestic = (values: Values) => values.region === 'domestic';

export const SECTION_FIELDS: Record<Section, Record<string, FieldSpec>> = {
  natural_person: {
    loginName: { zh: '登录名', en: 'Login name' },
    name: { zh: '姓名', en: 'Name', required: true, triggersVerification: true },
    gender: { zh: '性别', en: 'Gender' },
    ethnicity: { zh: '民族', en: 'Ethnicity' },
    title: { zh: '职务', en: 'Position' },
    birthDate: { zh: '出生日期', en: 'Date of birth' },
    email: { zh: '电子邮箱', en: 'E-mail' },
    mobile: { zh: '手机', en: 'Mobile', required: true, triggersVerification: true, personal: 'mobile' },
    phone: { zh: '电话', en: 'Telephone' },
    region: { zh: '类型', en: 'Identity type', required: true, triggersVerification: true },
    documentType: { zh: '证件类型', en: 'Document type', required: true, triggersVerification: true },
    documentNumber: { zh: '证件号码', en: 'Document number', required: true, triggersVerification: true, personal: 'document' },
    validFrom: { zh: '身份证有效期起始日期', en: 'Valid from', required: identityValidityRequired, triggersVerification: true },
    validTo: { zh: '身份证有效期终止日期', en: 'Valid to', triggersVerification: true },
    longTerm: { zh: '长期有效', en: 'Long-term', triggersVerification: true },
    address: { zh: '详细地址', en: 'Address' },
  },
  organization_basic: {
    name: { zh: '单位名称', en: 'Organisation name', required: true, triggersVerification: true },
    englishName: { zh: '英文名称', en: 'English name' },
    shortName: { zh: '单位简称', en: 'Short name' },
    homepage: { zh: '单位主页', en: 'Homepage' },
    region: { zh: '法人所在地区类型', en: 'Registration region', required: true, triggersVerification: true },
    legalPersonType: { zh: '法人类型', en: 'Legal person type', required: domestic, triggersVerification: true },
    area: { zh: '单位所在地区', en: 'Area', required: (v) => v.region === 'hkmt' },
    continent: { zh: '所属大洲', en: 'Continent', required: (v) => v.region === 'foreign' },
    country: { zh: '所属国家', en: 'Country', required: (v) => v.region === 'foreign' },
    code: {
      zh: '统一社会信用代码',
      en: 'Unified social credit code',
      triggersVerification: true,
      required: (v) => organizationCodeRequirement(v.region as LegalRegion, v.legalPersonType as LegalPersonType) !== 'optional',
    },
    nature: { zh: '单位性质', en: 'Nature', required: domestic, triggersVerification: true },
    independent: { zh: '是否独立法人', en: 'Independent legal person', required: true },
    address: { zh: '单位地址', en: 'Address', required: domestic },
    postcode: { zh: '邮政编码', en: 'Postcode' },
    email: { zh: '单位邮箱', en: 'Organisation e-mail' },
    foundedOn: { zh: '单位成立日期', en: 'Founded on', required: true },
    capitalCurrency: { zh: '单位注册资本币种', en: 'Capital currency' },
    capital: { zh: '单位注册资金', en: 'Registered capital' },
    registrationAuthority: { zh: '单位登记机关', en: 'Registration authority' },
    registrationStatus: { zh: '单位登记状态', en: 'Registration status' },
    businessTermFrom: { zh: '单位经营期限起始日期', en: 'Business term from' },
    businessTermTo: { zh: '单位经营期限终止日期', en: 'Business term to' },
    phone: { zh: '单位电话', en: 'Telephone' },
    fax: { zh: '单位传真', en: 'Fax' },
    mailingAddress: { zh: '通信地址', en: 'Mailing address', required: true },
    'legalRepresentative.name': { zh: '法定代表人姓名', en: 'Legal representative', required: true, triggersVerification: true },
    'legalRepresentative.mobile': { zh: '法定代表人移动电话', en: 'Representative mobile', required: true, personal: 'mobile' },
    'legalRepresentative.email': { zh: '法定代表人电子邮箱', en: 'Representative e-mail', required: true },
    'legalRepresentative.region': { zh: '法定代表人类型', en: 'Representative identity type', required: true },
    'legalRepresentative.documentType': { zh: '法定代表人证件类型', en: 'Representative document type', required: true, triggersVerification: true },
    'legalRepresentative.documentNumber': { zh: '法定代表人证件号码', en: 'Representative document number', required: true, triggersVerification: true, personal: 'document' },
    'legalRepresentative.validFrom': { zh: '法定代表人证件有效期起始日期', en: 'Representative valid from', required: (v) => requiresValidityStart((v.legalRepresentative as Values | undefined)?.documentType as DocumentType) },
    'legalRepresentative.validTo': { zh: '法定代表人证件有效期终止日期', en: 'Representative valid to' },
    'legalRepresentative.longTerm': { zh: '法定代表人证件长期有效', en: 'Representative long-term' },
  },
  organization_other: {
    businessTerm: { zh: '单位经营期限', en: 'Business term' },
    industry1: { zh: '所属行业1', en: 'Industry 1' },
    industry2: { zh: '所属行业2', en: 'Industry 2' },
    registrationAuthority: { zh: '工商登记机关', en: 'Business registration authority' },
    approvedOn: { zh: '核准日期', en: 'Approval date' },
    foreignCapitalSource: { zh: '外资来源地', en: 'Foreign capital source' },
    incomeTaxMethod: { zh: '所得税征收方式', en: 'Income tax collection' },
    enterpriseType: { zh: '企业类型', en: 'Enterprise type' },
  },
  primary_agent: {
    loginName: { zh: '登录名', en: 'Login name' },
    name: { zh: '姓名', en: 'Name', required: true, triggersVerification: true },
    gender: { zh: '性别', en: 'Gender' },
    mobile: { zh: '移动电话', en: 'Mobile', required: true, personal: 'mobile' },
    phone: { zh: '电话', en: 'Telephone' },
    fax: { zh: '传真', en: 'Fax' },
    email: { zh: '电子邮箱', en: 'E-mail' },
    region: { zh: '类型', en: 'Identity type', required: true, triggersVerification: true },
    documentType: { zh: '证件类型', en: 'Document type', required: true, triggersVerification: true },
    documentNumber: { zh: '证件号码', en: 'Document number', required: true, triggersVerification: true, personal: 'document' },
    validFrom: { zh: '身份证有效期起始日期', en: 'Valid from', required: identityValidityRequired, triggersVerification: true },
    validTo: { zh: '身份证有效期终止日期', en: 'Valid to', triggersVerification: true },
    longTerm: { zh: '长期有效', en: 'Long-term', triggersVerification: true },
  },
};

export const INCOMPLETE_NOTICE: FieldLabel = { zh: '用户信息不全，请及时补充！', en: 'Your information is incomplete. Please complete it!' };

/** Reads 'a.b' paths out of nested values. */
export function fieldValue(values: Values, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => (current as Values | undefined)?.[key], values);
}

/** The required fields of a section that are empty, as field paths. */
export function missingRequiredFields(section: Section, values: Values): string[] {
  return Object.entries(SECTION_FIELDS[section])
    .filter(([, spec]) => (typeof spec.required === 'function' ? spec.required(values) : spec.required === true))
    .filter(([path]) => {
      const value = fieldValue(values, path);
      return value === undefined || value === null || value === '';
    })
    .map(([path]) => path);
}

export function fieldLabel(section: Section, path: string): FieldLabel {
  return SECTION_FIELDS[section][path] ?? { zh: path, en: path };
}
