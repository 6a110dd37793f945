/**
 * 办事咨询's support contacts, as the seeds give them: the platform's technical support phone
 * (torch-migration-and-login-guide.md 五), the platform mailbox and the systems' contacts named
 * in the FAQ (platform-faq.md 二.5, 二.6, 四.2, 五.1) and the work-permit quick start (2.).
 */
export interface SupportContact {
  topic: { zh: string; en: string };
  lines: { label: { zh: string; en: string }; value: string; href?: string }[];
}

const phone = (value: string) => ({ value, href: `tel:${value.replace(/[^\d+]/g, '')}` });
const mail = (value: string) => ({ value, href: `mailto:${value}` });

export const SUPPORT_CONTACTS: readonly SupportContact[] = [
  {
    topic: { zh: '科技部政务服务平台', en: 'MOST government service platform' },
    lines: [
      { label: { zh: '技术支持电话', en: 'Technical support' }, ...phone('010-88659000') },
      { label: { zh: '平台邮箱', en: 'Platform mailbox' }, ...mail('fuwu@most.cn') },
    ],
  },
  {
    topic: { zh: '人类遗传资源管理（遗传办窗口）', en: 'Human genetic resources (office window)' },
    lines: [
      { label: { zh: '窗口地址', en: 'Address' }, value: '北京市海淀区西四环中路 16 号院 4 号楼 1 层，中国生物技术发展中心' },
      { label: { zh: '邮编', en: 'Postcode' }, value: '100039' },
      { label: { zh: '电话', en: 'Phone' }, ...phone('010-88225151') },
    ],
  },
  {
    topic: { zh: '因公出国（境）培训（科技部引智司）', en: 'Official training abroad' },
    lines: [
      { label: { zh: '电子邮箱', en: 'E-mail' }, ...mail('otm@most.cn') },
      { label: { zh: '业务电话', en: 'Business enquiries' }, ...phone('010-58884232') },
      { label: { zh: '技术电话', en: 'Technical support' }, ...phone('18003435512') },
    ],
  },
  {
    topic: { zh: '外国专家项目管理信息系统', en: 'Foreign experts project system' },
    lines: [{ label: { zh: '技术人员电话', en: 'Technical staff' }, ...phone('010-58235529') }],
  },
  {
    topic: { zh: '外国人来华工作管理服务系统', en: 'Foreigners’ work permit system' },
    lines: [{ label: { zh: '技术支持电话', en: 'Technical support' }, ...phone('010-58884202') }],
  },
];
