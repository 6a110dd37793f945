-- A migrated account's legacy password that does not meet today's policy still logs in
-- (nobody is locked out by the migration, SPEC §8); the account must then choose a new one.
alter table accounts add column weak_password boolean not null default false;
