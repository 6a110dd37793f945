-- 服务事项: the service catalogue of the portal. An item (事项) is organised by a department
-- (主办单位), may have sub-items (子项, e.g. 中国人类遗传资源采集审批 under 人类遗传资源管理),
-- carries its guide (服务指南) and, when it is handled online, the business system its
-- 办理入口 enters with single sign-on.
create table service_items (
  id uuid primary key default gen_random_uuid(),
  -- 事项编码, e.g. 000106003000 人类遗传资源管理
  code text not null unique,
  name text not null,
  department text not null,
  -- administrative_licensing 行政许可 | innovation_services 科技创新与服务 | programmes_funding 科技计划与经费 | other 其他
  category text not null check (category in ('administrative_licensing', 'innovation_services', 'programmes_funding', 'other')),
  -- who handles it: natural persons, legal persons (organisations), or both
  audience text not null check (audience in ('natural', 'legal', 'both')),
  system_id uuid references business_systems (id) on delete set null,
  parent_id uuid references service_items (id) on delete cascade,
  -- the guide's sections in display order: [{"title":"申请条件","text":"..."}, ...]
  guide jsonb not null default '[]',
  sort_order integer not null default 0,
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);

create index service_items_parent on service_items (parent_id, sort_order);
create index service_items_browse on service_items (category, department) where parent_id is null and enabled;

-- 我的关注: the items an account follows.
create table item_follows (
  account_id uuid not null references accounts (id) on delete cascade,
  item_id uuid not null references service_items (id) on delete cascade,
  followed_at timestamptz not null default now(),
  primary key (account_id, item_id)
);

create index item_follows_item on item_follows (item_id);
