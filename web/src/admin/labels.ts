/**
 * Display names of the back office: review subjects, appeal kinds and their statuses, queue
 * filters, audit actions, and the coded fields of submitted data (looked up in the account
 * and recovery rules' tables, the same ones the portal's forms use).
 */
import dayjs from 'dayjs';
import { DOCUMENT_TYPES, IDENTITY_REGIONS, LEGAL_PERSON_TYPES, LEGAL_REGIONS } from '../../../src/accounts/rules.ts';
import { PASSWORD_CHANGE_REASONS } from '../../../src/recovery/rules.ts';
import type { AppealKind, AppealStatus, ReviewStatus, ReviewSubject } from './admin-api.ts';

export interface Label {
  zh: string;
  en: string;
}

export const SUBJECT_LABELS: Record<ReviewSubject, Label> = {
  natural_person: { zh: '自然人', en: 'Natural person' },
  organization: { zh: '法人', en: 'Organisation' },
  primary_agent: { zh: '主代办人', en: 'Primary agent' },
};

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, Label> = {
  open: { zh: '待审核', en: 'Waiting' },
  approved: { zh: '审核通过', en: 'Approved' },
  rejected: { zh: '审核不通过', en: 'Rejected' },
  superseded: { zh: '已失效', en: 'Withdrawn' },
};

export const APPEAL_KIND_LABELS: Record<AppealKind, Label> = {
  natural: { zh: '自然人', en: 'Natural person' },
  legal: { zh: '法人', en: 'Organisation' },
};

export const APPEAL_STATUS_LABELS: Record<AppealStatus, Label> = {
  open: REVIEW_STATUS_LABELS.open,
  approved: REVIEW_STATUS_LABELS.approved,
  rejected: REVIEW_STATUS_LABELS.rejected,
};

/** 等待时间 filter: minimum hours since submission (undefined = 全部). */
export const WAITING_FILTERS: { value: number | undefined; label: Label }[] = [
  { value: undefined, label: { zh: '全部', en: 'All' } },
  { value: 24, label: { zh: '超过1天', en: 'Over 1 day' } },
  { value: 72, label: { zh: '超过3天', en: 'Over 3 days' } },
];

export const AUDIT_ACTION_LABELS: Record<string, Label> = {
  'staff.login': { zh: '登录', en: 'Log in' },
  'staff.login_failed': { zh: '登录失败', en: 'Failed login' },
  'staff.logout': { zh: '退出', en: 'Log out' },
  'matter.report': { zh: '业务系统报送办件', en: 'Item reported by a system' },
  'result.publish': { zh: '业务系统发布结果公示', en: 'Result published by a system' },
  'result.withdraw': { zh: '业务系统撤回结果公示', en: 'Result withdrawn by a system' },
  'ratings.view': { zh: '查看评价', en: 'View ratings' },
  'ratings.export': { zh: '导出评价', en: 'Export ratings' },
  'review.view': { zh: '查看审核', en: 'View review' },
  'review.file_view': { zh: '查看材料', en: 'View material' },
  'review.approve': { zh: '审核通过', en: 'Approve' },
  'review.reject': { zh: '审核不通过', en: 'Reject' },
  'review.claim': { zh: '领取审核', en: 'Claim review' },
  'review.release': { zh: '释放审核', en: 'Release review' },
  'appeal.view': { zh: '查看申诉', en: 'View appeal' },
  'appeal.file_view': { zh: '查看申诉材料', en: 'View appeal material' },
  'appeal.approve': { zh: '申诉通过', en: 'Approve appeal' },
  'appeal.reject': { zh: '申诉不通过', en: 'Reject appeal' },
  'system.create': { zh: '新增业务系统', en: 'Register business system' },
  'system.update': { zh: '修改业务系统', en: 'Change business system' },
  'system.enable': { zh: '启用业务系统', en: 'Enable business system' },
  'system.disable': { zh: '停用业务系统', en: 'Disable business system' },
  'system.secret': { zh: '重新生成客户端密钥', en: 'New client secret' },
  'item.create': { zh: '新增服务事项', en: 'Register service item' },
  'item.update': { zh: '修改服务事项', en: 'Change service item' },
  'item.enable': { zh: '启用服务事项', en: 'Enable service item' },
  'item.disable': { zh: '停用服务事项', en: 'Disable service item' },
  'organization.disable': { zh: '停用单位', en: 'Disable organisation' },
  'organization.enable': { zh: '启用单位', en: 'Enable organisation' },
  'staff.create': { zh: '新增工作人员', en: 'Add staff member' },
  'staff.reset_credentials': { zh: '重置密码和动态验证码', en: 'Reset password and authenticator' },
  'staff.disable': { zh: '停用工作人员', en: 'Disable staff member' },
  'staff.enable': { zh: '启用工作人员', en: 'Enable staff member' },
  'staff.password_change': { zh: '修改密码', en: 'Change password' },
  'account.search': { zh: '查询账号', en: 'Search accounts' },
  'account.view': { zh: '查看账号', en: 'View account' },
  'account.unlock': { zh: '解除登录锁定', en: 'Lift login lock' },
  'account.end_sessions': { zh: '结束账号会话', en: 'End sessions' },
  'account.disable': { zh: '停用账号', en: 'Disable account' },
  'account.enable': { zh: '启用账号', en: 'Enable account' },
  'audit.export': { zh: '导出审计日志', en: 'Export audit log' },
  'review_reason.create': { zh: '新增常用不通过原因', en: 'Add preset reason' },
  'review_reason.update': { zh: '修改常用不通过原因', en: 'Change preset reason' },
  'review_reason.delete': { zh: '删除常用不通过原因', en: 'Delete preset reason' },
};

export const AUDIT_TARGET_LABELS: Record<string, Label> = {
  review: { zh: '审核', en: 'Review' },
  matter: { zh: '办件', en: 'Application' },
  public_result: { zh: '结果公示', en: 'Public result' },
  upload: { zh: '材料', en: 'Material' },
  appeal: { zh: '申诉', en: 'Appeal' },
  system: { zh: '业务系统', en: 'Business system' },
  item: { zh: '服务事项', en: 'Service item' },
  account: { zh: '账号', en: 'Account' },
  staff: { zh: '工作人员', en: 'Staff member' },
  review_reason: { zh: '常用不通过原因', en: 'Preset reason' },
};

/** Keys of an audit entry's detail. */
export const AUDIT_DETAIL_LABELS: Record<string, Label> = {
  accountId: { zh: '账号ID', en: 'Account ID' },
  subject: { zh: '认证主体', en: 'Subject' },
  reason: { zh: '原因', en: 'Reason' },
  reviewId: { zh: '审核', en: 'Review' },
  staffId: { zh: '工作人员ID', en: 'Staff ID' },
  appealId: { zh: '申诉', en: 'Appeal' },
  kind: { zh: '申诉类型', en: 'Appeal type' },
  key: { zh: '系统标识', en: 'System key' },
  name: { zh: '名称', en: 'Name' },
  code: { zh: '事项编码', en: 'Item code' },
  clientId: { zh: 'OIDC 客户端标识', en: 'OIDC client ID' },
  changed: { zh: '修改项', en: 'Changed' },
  loginName: { zh: '登录名', en: 'Login name' },
  roles: { zh: '角色', en: 'Roles' },
  text: { zh: '内容', en: 'Text' },
  results: { zh: '结果数', en: 'Results' },
  wasLocked: { zh: '操作前已锁定', en: 'Was locked' },
  ended: { zh: '结束会话数', en: 'Sessions ended' },
  wasDisabled: { zh: '操作前已停用', en: 'Was disabled' },
  filter: { zh: '筛选条件', en: 'Filter' },
  rows: { zh: '导出条数', en: 'Rows exported' },
};

/** Coded values of an audit entry's detail, by key. */
export const AUDIT_DETAIL_VALUE_LABELS: Record<string, Record<string, Label>> = {
  subject: SUBJECT_LABELS,
  kind: APPEAL_KIND_LABELS,
};

/** A catalogue entry in the page's language, or the raw code when the catalogue does not know it. */
export function labelOf(table: Record<string, Label>, code: string, lang: 'zh' | 'en'): string {
  return table[code]?.[lang] ?? code;
}

/** The name of a coded value in one of the rules' tables ({ value, zh, en }), or the code itself. */
function nameIn(table: readonly { value: string; zh: string; en: string }[], code: string, lang: 'zh' | 'en'): string {
  return table.find((entry) => entry.value === code)?.[lang] ?? code;
}

export const identityRegionName = (code: string, lang: 'zh' | 'en') => nameIn(IDENTITY_REGIONS, code, lang);
export const documentTypeName = (code: string, lang: 'zh' | 'en') => nameIn(DOCUMENT_TYPES, code, lang);
export const legalRegionName = (code: string, lang: 'zh' | 'en') => nameIn(LEGAL_REGIONS, code, lang);
export const legalPersonTypeName = (code: string, lang: 'zh' | 'en') => nameIn(LEGAL_PERSON_TYPES, code, lang);

export const passwordChangeReasonName = (code: string, lang: 'zh' | 'en') => PASSWORD_CHANGE_REASONS.find((r) => r.value === code)?.label[lang] ?? code;

/** Times as the back office lists them, in the browser's zone. */
export const formatTime = (value: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '');
