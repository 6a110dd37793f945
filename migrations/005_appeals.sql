-- 申诉找回密码: a natural person's or an organisation's appeal, reviewed in the back office.
-- What the appellant typed is kept encrypted (names, document numbers, phones); the keyed
-- hashes find the accounts holding the document and limit appeals per document per day.
create table appeals (
  id bigserial primary key,
  kind text not null check (kind in ('natural', 'legal')),
  status text not null check (status in ('open', 'approved', 'rejected')),
  data_enc text not null,
  document_hash text not null,
  mobile_hash text not null,
  -- legal: the organisation account found by 检索单位
  organization_account_id uuid references accounts (id) on delete set null,
  -- [{slot, uploadId}]
  files jsonb not null default '[]',
  submitted_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by uuid references staff (id),
  -- the account whose password the approval reset
  resolved_account_id uuid references accounts (id) on delete set null,
  reason text
);
create index appeals_queue on appeals (status, submitted_at);
create index appeals_document on appeals (document_hash, submitted_at);
create unique index appeals_one_open_per_document on appeals (kind, document_hash) where status = 'open';

-- Files uploaded before there is an account to own them (appeals) belong to the browser that
-- uploaded them: a hash of its CSRF cookie, so nobody else can attach them.
alter table uploads add column anonymous_owner text;
