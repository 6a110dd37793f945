-- Back-office search (issue 18.4, 18.6). 账号管理 finds accounts by real name (phones and
-- documents go through their keyed-hash indexes). 审计日志 filters by subject account, by staff
-- member (typed in any case) and by action, each newest first; the time range uses
-- audit_log_time. The log stays append-only.
create index identities_name on identities (name);
create index audit_log_account on audit_log (target_id, id desc) where target_type = 'account';
create index audit_log_staff on audit_log (lower(staff_login_name), id desc);
create index audit_log_action on audit_log (action, id desc);
