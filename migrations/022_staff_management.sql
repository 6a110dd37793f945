-- Staff management (issue 18.5). A password an admin handed out (a new account's or a reset's)
-- must be changed at the next login; login names are unique whatever their case, as staff log
-- in by lower(login_name).
alter table staff add column password_change_required boolean not null default false;
create unique index staff_login_name_lower on staff (lower(login_name));
