/**
 * Demo service items (服务事项) of the seeds' catalogue: created once by 事项编码 and left alone
 * afterwards, so an operator's edits survive a restart. Items with a business system link to it
 * by the system's key (src/demo/business-systems.ts); seed those first.
 * Sources: platform-faq.md (服务事项 list, 火炬中心其他业务, 因公出国（境）培训), foreigner-work-system-login-quickstart.md.
 */
import { catalogueStore, type NewServiceItem } from '../catalogue/store.ts';
import type { CategoryCode, GuideSection, ItemAudience } from '../catalogue/rules.ts';
import type { Platform } from '../platform/platform.ts';

/** 外国人来华工作许可 → 事项说明: the seed's login notice, every step of it (foreigner quick start 1. 登录流程变更). */
export const FOREIGN_WORK_LOGIN_NOTICE =
  '自2020年11月30日起，外国人来华工作管理服务系统统一经由科技部政务服务平台登录，用户可使用原有账户和密码选择法人登录，其它业务办理方式不变。' +
  '如登录出现问题，请首先尝试在原账户前加“WP_”（WP_+原账户），其次再尝试选择自然人登录，仍然无法登录，请选择找回密码。技术支持电话：010-58884202。';

const TORCH_CENTRE = '科技部火炬高技术产业开发中心';
const SOCIAL_DEVELOPMENT = '社会发展科技司';
const FOREIGN_TALENT = '引进国外智力管理司';
const RESOURCES = '资源配置与管理司';

interface DemoItem {
  code: string;
  name: string;
  department: string;
  category: CategoryCode;
  audience: ItemAudience;
  system?: string;
  guide: [title: string, text: string][];
  subItems?: { code: string; name: string; audience?: ItemAudience; guide?: [string, string][] }[];
}

const HGR_WINDOW = '受理窗口：北京市海淀区西四环中路16号院4号楼1层，中国生物技术发展中心（科技部生物中心）；邮编：100039；咨询时间：工作日 9:00—11:30，13:30—17:00。';

const ITEMS: DemoItem[] = [
  {
    code: '000106003000',
    name: '人类遗传资源管理',
    department: SOCIAL_DEVELOPMENT,
    category: 'administrative_licensing',
    audience: 'both',
    system: 'hgr',
    guide: [
      ['服务指南', '依据《中华人民共和国人类遗传资源管理条例》，科技部对采集、保藏我国人类遗传资源，利用我国人类遗传资源开展国际合作科学研究，向境外提供我国人类遗传资源材料实施行政许可，对国际合作临床试验和信息对外提供或开放使用实施备案。受理、形式审查和技术评审的组织工作由中国生物技术发展中心（科技部生物中心）承担。'],
      ['设定依据', '《中华人民共和国生物安全法》第五十六条；《中华人民共和国人类遗传资源管理条例》（国务院令第717号）第十一条、第十四条、第二十二条、第二十七条；《人类遗传资源管理条例实施细则》。'],
      ['申请条件', '一、申请单位为具有法人资格的中方单位，外方单位不得在我国境内采集、保藏我国人类遗传资源；\n二、目的明确、合法，研究方案科学合理；\n三、通过伦理审查，取得伦理审查批准文件；\n四、提供者的知情同意书文本规范；\n五、国际合作的，合作双方共同参与研究全过程，研究过程中的所有记录以及数据信息等完全向中方单位开放并向中方单位提供备份。'],
      ['办理材料', '一、申请书（网上申报系统在线填写，打印后加盖单位公章）；\n二、法人资格材料；\n三、知情同意书文本；\n四、伦理审查批件；\n五、研究方案；\n六、国际合作的，合作协议文本；\n七、开通网上申报系统提交材料清单：首次使用网上申报系统的单位，将该清单纸质版加盖公章后邮寄到遗传办窗口。'],
      ['办理流程', '1. 登录科技部政务服务平台，点击“服务事项”，找到“人类遗传资源管理”，点击“办理入口”进入网上申报系统；\n2. 在线填写申请书、上传申请材料并提交；\n3. 窗口进行形式审查，材料齐全、符合法定形式的予以受理；\n4. 组织专家技术评审；\n5. 作出行政许可决定，审批结果在“结果公示”中分批发布。'],
      ['办理时限', '自受理之日起20个工作日内作出决定，专家评审时间不计算在内。'],
      ['收费标准', '不收费。'],
      ['联系方式', HGR_WINDOW],
      ['常见问题', '问：提示未开通网上申报系统或未报备怎么办？\n答：点击服务事项→人类遗传资源管理→办理材料→七、开通网上申报系统提交材料清单，将此纸质版材料邮寄到遗传办窗口即可。'],
    ],
    subItems: [
      { code: '000106003001', name: '中国人类遗传资源采集审批' },
      { code: '000106003002', name: '中国人类遗传资源保藏审批' },
      {
        code: '000106003003',
        name: '中国人类遗传资源国际合作科学研究审批',
        guide: [
          ['申请条件', '中方单位与外方单位合作开展研究，合作双方共同参与研究全过程；研究目的明确、合法，合作期限合理；通过合作双方各自所在国（地区）的伦理审查。'],
          ['办理材料', '申请书；法人资格材料；合作协议文本；研究方案；伦理审查批件；知情同意书文本。'],
          ['联系方式', HGR_WINDOW],
        ],
      },
      { code: '000106003004', name: '中国人类遗传资源材料出境审批' },
      { code: '000106003005', name: '中国人类遗传资源国际合作临床试验备案' },
      { code: '000106003006', name: '中国人类遗传资源信息对外提供或开放使用备案' },
    ],
  },
  {
    code: '000106002000',
    name: '高等级病原微生物实验室建设审查',
    department: SOCIAL_DEVELOPMENT,
    category: 'administrative_licensing',
    audience: 'legal',
    guide: [
      ['服务指南', '新建、改建或者扩建三级、四级生物安全实验室，应当经科技部审查同意后方可建设。'],
      ['适用范围', '拟新建、改建、扩建三级、四级生物安全实验室的单位。'],
      ['设定依据', '《病原微生物实验室生物安全管理条例》（国务院令第424号）第二十条。'],
      ['申请条件', '符合国家生物安全实验室体系规划；依法取得建设项目审批或备案；建设单位具有与拟开展实验活动相适应的管理制度和技术人员。'],
      ['办理材料', '建设审查申请表；建设项目批准或备案文件；可行性研究报告；生物安全实验室设计方案；单位法人资格材料。'],
      ['办理地点', '科技部行政审批综合受理窗口（北京市海淀区复兴路乙15号）。'],
      ['办理时间', '工作日 9:00—11:30，13:30—17:00。'],
      ['办理流程', '提交申请→窗口受理→组织专家论证→作出审查决定→送达审查意见。'],
      ['联系方式', '咨询电话见科技部政务服务平台“办事咨询”；政务服务平台技术支持电话：010-88659000。'],
    ],
  },
  {
    code: '000106004000',
    name: '外国人来华工作许可',
    department: FOREIGN_TALENT,
    category: 'administrative_licensing',
    audience: 'both',
    system: 'foreign-work-permit',
    guide: [
      ['申请条件', '用人单位依法设立，无严重违法失信记录；聘用外国人从事的岗位应是有特殊需要、国内暂缺适当人选且不违反国家有关规定的岗位。外国人应年满18周岁，身体健康，无犯罪记录，境内有确定的用人单位，具有从事其工作所必需的专业技能或相适应的工作经历。'],
      ['办理流程', '1. 用人单位登录科技部政务服务平台，在“服务事项”中找到“外国人来华工作许可”，点击“办理入口”进入外国人来华工作管理服务系统；\n2. 在线提交申请材料，受理机构进行审查；\n3. 境外申请人凭《外国人工作许可通知》申办R字或Z字签证入境；\n4. 入境后15日内申领《外国人工作许可证》。'],
      // The seed's notice (foreigner quick start 1.) says 'WP'(WP+原账户), but its own migration cases (2.(2)–(4))
      // and the importer give the accounts WP_ + the old name: the notice names the prefix that logs in.
      ['事项说明', FOREIGN_WORK_LOGIN_NOTICE],
      ['相关文件', '《外国人来华工作许可服务指南（暂行）》；《外国人在中国就业管理规定》。'],
    ],
    subItems: [
      { code: '000106004001', name: '持R字签证信函申请外国人来华工作许可', audience: 'legal' },
      { code: '000106004002', name: '人才签证外国高端人才确认函', audience: 'legal' },
      { code: '000106004003', name: '外国人来华工作许可证核发' },
    ],
  },
  {
    code: '000706007000',
    name: '科技型中小企业评价',
    department: TORCH_CENTRE,
    category: 'innovation_services',
    audience: 'legal',
    system: 'tech-sme',
    guide: [
      ['申请条件', '一、在中国境内（不包括港、澳、台地区）注册的居民企业；\n二、职工总数不超过500人、年销售收入不超过2亿元、资产总额不超过2亿元；\n三、企业提供的产品和服务不属于国家规定的禁止、限制和淘汰类；\n四、企业在填报上一年及当年内未发生重大安全、重大质量事故和严重环境违法、科研严重失信行为，且未列入经营异常名录和严重违法失信企业名单；\n五、企业根据科技型中小企业评价指标进行综合评价所得分值不低于60分，且科技人员指标得分不得为0分。'],
      ['办理流程', '1. 法人单位登录科技部政务服务平台，完善“法人单位基本信息”和“法人单位其他信息”并完成主代办人实名认证；\n2. 在“服务事项”中找到“科技型中小企业评价”，点击“办理入口”进入科技型中小企业服务平台；\n3. 在线填报评价信息并提交；\n4. 省级科技管理部门组织评价，公示无异议的纳入全国科技型中小企业信息库并取得入库登记编号。'],
      ['联系方式', '各省级科技管理部门咨询电话见科技型中小企业服务平台首页；政务服务平台技术支持电话：010-88659000。'],
      ['事项说明', '评价工作遵循“企业自主评价、省级部门组织实施、全国统一服务监督”的原则，不收取任何费用。'],
      ['相关文件', '《科技型中小企业评价办法》（国科发政〔2017〕115号）；《科技型中小企业评价服务工作指引》。'],
    ],
  },
  {
    code: '000706008000',
    name: '高新技术企业认定',
    department: TORCH_CENTRE,
    category: 'innovation_services',
    audience: 'legal',
    system: 'high-tech-enterprise',
    guide: [
      ['申请条件', '一、企业申请认定时须注册成立一年以上；\n二、企业通过自主研发、受让、受赠、并购等方式，获得对其主要产品（服务）在技术上发挥核心支持作用的知识产权的所有权；\n三、对企业主要产品（服务）发挥核心支持作用的技术属于《国家重点支持的高新技术领域》规定的范围；\n四、从事研发和相关技术创新活动的科技人员占企业当年职工总数的比例不低于10%；\n五、近三个会计年度的研究开发费用总额占同期销售收入总额的比例符合要求；\n六、近一年高新技术产品（服务）收入占企业同期总收入的比例不低于60%；\n七、企业创新能力评价应达到相应要求；\n八、企业申请认定前一年内未发生重大安全、重大质量事故或严重环境违法行为。'],
      ['办理流程', '企业自我评价→注册登记→提交认定申请材料→认定机构组织专家评审→认定报备→公示（10个工作日）→颁发证书。'],
      ['联系方式', '业务咨询电话见系统首页；政务服务平台技术支持电话：010-88659000。'],
      ['事项说明', '高新技术企业资格自颁发证书之日起有效期为三年。'],
      ['相关文件', '《高新技术企业认定管理办法》（国科发火〔2016〕32号）；《高新技术企业认定管理工作指引》。'],
    ],
  },
  {
    code: '000706009000',
    name: '火炬中心业务办理平台',
    department: TORCH_CENTRE,
    category: 'innovation_services',
    audience: 'both',
    system: 'torch',
    guide: [
      ['服务指南', '“火炬中心业务办理平台”是科技部火炬中心各项业务的统一办理入口。法人账号可办理火炬统计调查、国家科技企业孵化器认定等全部业务；自然人账号只显示自然人可以办理的业务，火炬统计调查等业务需用法人账号办理。'],
      ['申请条件', '法人单位须完善“法人单位基本信息”和“法人单位其他信息”，且主代办人已实名认证。'],
      ['办理流程', '登录科技部政务服务平台→服务事项→火炬中心业务办理平台→办理入口→选择要办理的业务。'],
      ['联系方式', '业务咨询电话见系统首页；政务服务平台技术支持电话：010-88659000。'],
    ],
    subItems: [
      { code: '000706009001', name: '火炬统计调查', audience: 'legal' },
      { code: '000706009002', name: '国家科技企业孵化器认定', audience: 'legal' },
      { code: '000706009003', name: '国家备案众创空间', audience: 'legal' },
      { code: '000706009004', name: '国家大学科技园认定', audience: 'legal' },
    ],
  },
  {
    code: '000706010000',
    name: '全国技术合同认定登记',
    department: TORCH_CENTRE,
    category: 'innovation_services',
    audience: 'both',
    system: 'tech-contract',
    guide: [
      ['服务指南', '技术开发、技术转让、技术许可、技术咨询和技术服务合同的卖方（受托方），可在全国技术合同管理与服务系统中申请技术合同认定登记，享受相关税收优惠政策。'],
      ['申请条件', '自然人须完成实名认证；法人单位须完成实名认证，并为办理人员授予“全国技术合同管理与服务系统”的权限。'],
      ['办理流程', '1. 自然人实名认证完成后，使用自然人账号登录；\n2. 点击“服务事项”，查找“技术合同管理与服务”，点击“办理入口”；\n3. 进入全国技术合同管理与服务系统完成系统使用授权，在线填报合同登记信息；\n4. 技术合同登记机构审核并出具认定登记证明。'],
      ['联系方式', '科技部火炬中心技术市场处，咨询电话见系统首页；政务服务平台技术支持电话：010-88659000。'],
      ['相关文件', '《技术合同认定登记管理办法》；《技术合同认定规则》。'],
    ],
  },
  {
    code: '000806001000',
    name: '国家重点研发计划项目申报',
    department: RESOURCES,
    category: 'programmes_funding',
    audience: 'legal',
    guide: [
      ['服务指南', '国家重点研发计划按重点专项组织实施，项目申报通过国家科技管理信息系统公共服务平台进行，实行预申报和正式申报两轮申报。'],
      ['申请条件', '申报单位为中国大陆境内注册的科研院所、高等学校和企业等法人单位，注册时间在申报截止日期前一年以上；项目负责人具有高级职称或博士学位，每年用于项目的工作时间不少于6个月。'],
      ['办理流程', '发布年度项目申报指南→申报单位在线提交预申报书→首轮形式审查和评审→通过的提交正式申报书→答辩评审→立项公示→签订任务书。'],
      ['联系方式', '各重点专项项目管理专业机构的联系方式见年度申报指南；政务服务平台技术支持电话：010-88659000。'],
    ],
  },
  {
    code: '000806002000',
    name: '国家科技重大专项项目（课题）申报',
    department: '重大专项办公室',
    category: 'programmes_funding',
    audience: 'legal',
    guide: [
      ['服务指南', '按各重大专项年度课题申报指南组织申报，申报单位通过国家科技管理信息系统在线提交申报材料。'],
      ['申请条件', '申报单位为在中国大陆境内登记注册的法人单位，具有承担课题所需的研究基础和条件，近三年内无不良信用记录。'],
      ['办理流程', '发布课题申报指南→在线申报→形式审查→专家评审→立项公示→签订任务合同书。'],
      ['联系方式', '各专项咨询电话见课题申报指南；政务服务平台技术支持电话：010-88659000。'],
    ],
  },
  {
    code: '000806003000',
    name: '中央财政科技计划项目（课题）结题财务验收',
    department: RESOURCES,
    category: 'programmes_funding',
    audience: 'legal',
    guide: [
      ['服务指南', '项目（课题）执行期满后，承担单位按要求编制结题财务自查报告，委托会计师事务所开展结题审计，专业机构组织财务验收。'],
      ['办理材料', '结题财务自查报告；经费决算表；结题审计报告；经费使用情况说明。'],
      ['办理时限', '项目（课题）执行期满后3个月内提出结题验收申请。'],
      ['联系方式', '各项目管理专业机构联系方式见国家科技管理信息系统公共服务平台。'],
    ],
  },
  {
    code: '000906001000',
    name: '中国政府友谊奖',
    department: FOREIGN_TALENT,
    category: 'other',
    audience: 'legal',
    guide: [
      ['申请条件', '在中国经济建设、社会进步和科技、教育、文化等事业中作出突出贡献的外国专家，在华工作一般满两年。'],
      ['办理材料', '中国政府友谊奖推荐表；推荐对象的主要贡献材料；推荐单位意见。'],
      ['办理流程', '用人单位推荐→省级外国专家主管部门或中央有关部门审核推荐→评审→报国务院批准→颁奖。'],
      ['事项说明', '中国政府友谊奖是中国政府授予来华工作外国专家的最高奖项，每年评选一次。'],
      ['相关文件', '《中国政府友谊奖评选办法》。'],
    ],
    subItems: [{ code: '000906001001', name: '友谊奖' }],
  },
  {
    code: '000906002000',
    name: '因公出国（境）培训项目申报',
    department: FOREIGN_TALENT,
    category: 'other',
    audience: 'natural',
    guide: [
      ['服务指南', '因公出国（境）培训需要用自然人账号办理。'],
      ['常见问题', '问：自然人账号提示没有权限进入系统？\n答：需要联系科技部引智司进行报备。'],
      ['联系方式', '电子邮箱：otm@most.cn；业务电话：010-58884232；技术电话：18003435512。'],
    ],
  },
  {
    code: '000906003000',
    name: '外国专家项目管理',
    department: FOREIGN_TALENT,
    category: 'programmes_funding',
    audience: 'both',
    system: 'foreign-expert-projects',
    guide: [
      // FAQ 五.1(2), (3).
      ['办理流程', '1. 单位法人账号在“服务事项”中找到本事项，点击“办理入口”进入外国专家项目管理信息系统，按照要求注册并通过归口单位审核（审核期间显示“待业务系统审核”）；\n2. 审核通过后，单位法人账号在“用户授权管理”中给已实名认证的自然人账号授予“外国专家项目管理系统”的权限；\n3. 自然人获得权限之后，点击服务事项中的办理入口进入办理。'],
      ['联系方式', '外国专家项目系统技术人员，电话：010-58235529。'],
    ],
  },
];

const sections = (pairs: [string, string][]): GuideSection[] => pairs.map(([title, text]) => ({ title, text }));

/** The seed's items as rows, each parent before its sub-items (a sub-item finds its parent by code). */
export function demoServiceItems(): NewServiceItem[] {
  const rows: NewServiceItem[] = [];
  ITEMS.forEach((item, index) => {
    const common = { department: item.department, category: item.category, systemKey: item.system ?? null };
    rows.push({ ...common, code: item.code, name: item.name, audience: item.audience, parentCode: null, guide: sections(item.guide), sortOrder: (index + 1) * 10 });
    item.subItems?.forEach((sub, subIndex) => {
      rows.push({ ...common, code: sub.code, name: sub.name, audience: sub.audience ?? item.audience, parentCode: item.code, guide: sections(sub.guide ?? []), sortOrder: subIndex + 1 });
    });
  });
  return rows;
}

/** Creates the demo items that do not exist yet. */
export async function seedCatalogue(platform: Platform): Promise<void> {
  const store = catalogueStore(platform.db);
  for (const item of demoServiceItems()) await store.createIfMissing(item);
}
