-- 我的事项: items a person or organisation started through 办理入口, as the business system
-- handling them reports them (system API, client credentials). One row per system and its own
-- reference (the idempotency key); each change of state is kept in matter_states.
create table matters (
  id uuid primary key default gen_random_uuid(),
  system_id uuid not null references business_systems (id) on delete cascade,
  -- the system's own reference (办件编号), unique within the system
  reference text not null,
  item_id uuid not null references service_items (id) on delete cascade,
  -- the applicant: the account (person or organisation) the system received as sub / accountId
  applicant_id uuid not null references accounts (id) on delete cascade,
  -- the organisation a person acted for (授权), which sees the item too; null otherwise
  organization_id uuid references accounts (id) on delete cascade,
  title text not null,
  link text not null,
  state text not null check (state in ('已提交', '受理中', '已办结', '不予受理')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint matters_system_reference unique (system_id, reference)
);
create index matters_applicant on matters (applicant_id, updated_at desc);
create index matters_organization on matters (organization_id, updated_at desc) where organization_id is not null;
create index matters_item on matters (item_id);

-- The history of a matter's states, the first report included.
create table matter_states (
  id bigserial primary key,
  matter_id uuid not null references matters (id) on delete cascade,
  state text not null,
  recorded_at timestamptz not null default now()
);
create index matter_states_matter on matter_states (matter_id, id);

-- 我的评价 (政务服务“好差评”): one rating per finished matter, by its applicant.
create table matter_ratings (
  matter_id uuid primary key references matters (id) on delete cascade,
  account_id uuid not null references accounts (id) on delete cascade,
  grade text not null check (grade in ('非常满意', '满意', '基本满意', '不满意', '非常不满意')),
  comment text not null default '',
  rated_at timestamptz not null default now()
);
create index matter_ratings_account on matter_ratings (account_id, rated_at desc);

-- 结果公示: public results a business system publishes (and may withdraw), by its own reference.
create table public_results (
  id uuid primary key default gen_random_uuid(),
  system_id uuid not null references business_systems (id) on delete cascade,
  reference text not null,
  item_id uuid not null references service_items (id) on delete cascade,
  title text not null,
  published_on date not null,
  summary text not null,
  link text,
  withdrawn_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint public_results_system_reference unique (system_id, reference)
);
create index public_results_listing on public_results (published_on desc, created_at desc) where withdrawn_at is null;
