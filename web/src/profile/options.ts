/**
 * Choice lists of 我的信息 that the server keeps as plain text (民族, 单位性质, 币种...):
 * the stored value is the Chinese wording, so records and business systems read it as
 * printed; the English text is only for display. Coded choices (性别, 是否独立法人) keep
 * the server's codes.
 */
import { DOCUMENT_TYPES, IDENTITY_REGIONS, LEGAL_PERSON_TYPES, LEGAL_REGIONS } from '../../../src/accounts/rules.ts';

export interface Option {
  value: string;
  zh: string;
  en: string;
}

const chinese = (pairs: [string, string][]): Option[] => pairs.map(([zh, en]) => ({ value: zh, zh, en }));

export const GENDERS: Option[] = [
  { value: 'male', zh: '男', en: 'Male' },
  { value: 'female', zh: '女', en: 'Female' },
];

export const YES_NO: Option[] = [
  { value: 'yes', zh: '是', en: 'Yes' },
  { value: 'no', zh: '否', en: 'No' },
];

/** The 56 nationalities recognised in China, in the order of GB/T 3304, then 其他. */
export const ETHNICITIES: Option[] = chinese([
  ['汉族', 'Han'], ['蒙古族', 'Mongol'], ['回族', 'Hui'], ['藏族', 'Tibetan'], ['维吾尔族', 'Uyghur'], ['苗族', 'Miao'],
  ['彝族', 'Yi'], ['壮族', 'Zhuang'], ['布依族', 'Bouyei'], ['朝鲜族', 'Korean'], ['满族', 'Manchu'], ['侗族', 'Dong'],
  ['瑶族', 'Yao'], ['白族', 'Bai'], ['土家族', 'Tujia'], ['哈尼族', 'Hani'], ['哈萨克族', 'Kazakh'], ['傣族', 'Dai'],
  ['黎族', 'Li'], ['傈僳族', 'Lisu'], ['佤族', 'Va'], ['畲族', 'She'], ['高山族', 'Gaoshan'], ['拉祜族', 'Lahu'],
  ['水族', 'Sui'], ['东乡族', 'Dongxiang'], ['纳西族', 'Naxi'], ['景颇族', 'Jingpo'], ['柯尔克孜族', 'Kyrgyz'], ['土族', 'Tu'],
  ['达斡尔族', 'Daur'], ['仫佬族', 'Mulao'], ['羌族', 'Qiang'], ['布朗族', 'Blang'], ['撒拉族', 'Salar'], ['毛南族', 'Maonan'],
  ['仡佬族', 'Gelao'], ['锡伯族', 'Xibe'], ['阿昌族', 'Achang'], ['普米族', 'Pumi'], ['塔吉克族', 'Tajik'], ['怒族', 'Nu'],
  ['乌孜别克族', 'Uzbek'], ['俄罗斯族', 'Russian'], ['鄂温克族', 'Evenki'], ['德昂族', "De'ang"], ['保安族', 'Bonan'], ['裕固族', 'Yugur'],
  ['京族', 'Gin'], ['塔塔尔族', 'Tatar'], ['独龙族', 'Derung'], ['鄂伦春族', 'Oroqen'], ['赫哲族', 'Hezhen'], ['门巴族', 'Monpa'],
  ['珞巴族', 'Lhoba'], ['基诺族', 'Jino'], ['其他', 'Other'],
]);

export const ORGANIZATION_NATURES: Option[] = chinese([
  ['国有企业', 'State-owned enterprise'],
  ['集体企业', 'Collective enterprise'],
  ['私营企业', 'Private enterprise'],
  ['外资企业', 'Foreign-invested enterprise'],
  ['事业单位', 'Public institution'],
  ['社会组织', 'Social organisation'],
  ['其他', 'Other'],
]);

export const HKMT_AREAS: Option[] = chinese([
  ['中国香港', 'Hong Kong, China'],
  ['中国澳门', 'Macao, China'],
  ['中国台湾', 'Taiwan, China'],
]);

export const CONTINENTS: Option[] = chinese([
  ['亚洲', 'Asia'], ['欧洲', 'Europe'], ['非洲', 'Africa'], ['北美洲', 'North America'], ['南美洲', 'South America'], ['大洋洲', 'Oceania'],
]);

export const CURRENCIES: Option[] = chinese([
  ['人民币', 'Renminbi (CNY)'], ['美元', 'US dollar (USD)'], ['欧元', 'Euro (EUR)'], ['日元', 'Japanese yen (JPY)'],
  ['港元', 'Hong Kong dollar (HKD)'], ['英镑', 'Pound sterling (GBP)'], ['其他', 'Other'],
]);

export const INCOME_TAX_METHODS: Option[] = chinese([
  ['查账征收', 'Assessed on accounts'],
  ['核定征收', 'Deemed assessment'],
]);

/** 企业注册类型 as the Torch high-tech and SME systems ask for it. */
export const ENTERPRISE_TYPES: Option[] = chinese([
  ['国有企业', 'State-owned enterprise'], ['集体企业', 'Collective enterprise'], ['股份合作企业', 'Joint-stock cooperative'],
  ['联营企业', 'Joint venture (domestic)'], ['有限责任公司', 'Limited liability company'], ['股份有限公司', 'Company limited by shares'],
  ['私营企业', 'Private enterprise'], ['港澳台商投资企业', 'Hong Kong, Macao or Taiwan-invested enterprise'],
  ['外商投资企业', 'Foreign-invested enterprise'], ['其他企业', 'Other enterprise'],
]);

const identityRegions: Option[] = IDENTITY_REGIONS.map((r) => ({ ...r }));
const documentTypes: Option[] = DOCUMENT_TYPES.map(({ value, zh, en }) => ({ value, zh, en }));

/** Which choice list gives the display text of a field, by section and field path. */
export const FIELD_OPTIONS: Record<string, Record<string, readonly Option[]>> = {
  natural_person: { gender: GENDERS, ethnicity: ETHNICITIES, region: identityRegions, documentType: documentTypes },
  primary_agent: { gender: GENDERS, region: identityRegions, documentType: documentTypes },
  organization_basic: {
    region: LEGAL_REGIONS,
    legalPersonType: LEGAL_PERSON_TYPES,
    area: HKMT_AREAS,
    continent: CONTINENTS,
    nature: ORGANIZATION_NATURES,
    independent: YES_NO,
    capitalCurrency: CURRENCIES,
    'legalRepresentative.region': identityRegions,
    'legalRepresentative.documentType': documentTypes,
  },
  organization_other: { incomeTaxMethod: INCOME_TAX_METHODS, enterpriseType: ENTERPRISE_TYPES },
};

export const selectOptions = (options: readonly Option[], lang: 'zh' | 'en') => options.map((o) => ({ value: o.value, label: o[lang] }));
