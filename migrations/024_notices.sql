-- 通知公告 (SPEC §9, §12.3): operators write notices in the back office and publish, pin and
-- withdraw them; the portal shows a notice only while it is published, its publish time has
-- come and its expiry time (if any) has not. The body is a small markdown subset (see
-- src/notices/rich-text.ts), never HTML.
create table notices (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  body text not null,
  -- draft 草稿 | published 已发布 | withdrawn 已撤回 (已过期 is derived from expires_at)
  state text not null default 'draft' check (state in ('draft', 'published', 'withdrawn')),
  pinned boolean not null default false,
  publish_at timestamptz not null,
  expires_at timestamptz check (expires_at is null or expires_at > publish_at),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The portal's list: visible ones, pinned first, newest first.
create index notices_public on notices (pinned desc, publish_at desc) where state = 'published';

-- Attachments (PDF, images, office documents), checked by content and kept in the object storage.
create table notice_attachments (
  id uuid primary key default gen_random_uuid(),
  notice_id uuid not null references notices (id) on delete cascade,
  file_name text not null,
  media_type text not null,
  size integer not null check (size > 0),
  storage_key text not null unique,
  sha256 text not null,
  created_at timestamptz not null default now()
);

create index notice_attachments_notice on notice_attachments (notice_id, created_at);

-- 首页: services a signed-in person opened lately (最近使用), one row per account and item,
-- and the measure of hot services together with follows.
create table item_visits (
  account_id uuid not null references accounts (id) on delete cascade,
  item_id uuid not null references service_items (id) on delete cascade,
  visited_at timestamptz not null default now(),
  primary key (account_id, item_id)
);

create index item_visits_recent on item_visits (visited_at desc, item_id);
