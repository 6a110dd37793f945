-- Systems marked 单位需经系统审核 (business_systems.requires_approval): an organisation that
-- entered such a system once waits for the system's approval (待业务系统审核) until the system
-- (system API) or an operator (back office) approves it; the approval moves it to organization_systems.
create table holding_requests (
  account_id uuid not null references accounts (id) on delete cascade,
  system_id uuid not null references business_systems (id) on delete cascade,
  requested_at timestamptz not null default now(),
  primary key (account_id, system_id)
);
