-- Issue 18.3: the common reasons a reviewer picks for 审核不通过 (presets), kept by admins.
-- A rejection stores the reason's words in reviews.reason, so changing or deleting a preset
-- never rewrites what a user was told.
create table review_reasons (
  id uuid primary key default gen_random_uuid(),
  text text not null unique,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

insert into review_reasons (text, sort_order) values
  ('证件照片不清晰，请重新上传清晰的证件照片', 10),
  ('证件信息与填写信息不一致', 20),
  ('未签字或未加盖公章', 30),
  ('证件已过期', 40),
  ('上传材料不全', 50),
  ('上传的材料与所选证件类型不符', 60);
