-- Development mail: every message the development SMTP server (src/platform/dev-smtp.ts) receives,
-- one row per envelope recipient, shown at /dev/mail. Production sends through a real SMTP server.
create table mail_outbox (
  id bigserial primary key,
  to_address text not null,
  from_address text not null,
  subject text not null,
  text text not null,
  received_at timestamptz not null default now()
);
create index mail_outbox_to on mail_outbox (lower(to_address), id desc);
