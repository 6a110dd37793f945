-- Legacy account import (SPEC §8, src/legacy/import/): runs of the import command, the outcome
-- of every legacy account it saw, and the rows of a file it could not read.

-- One run of `import-legacy` over one file. counts: rows per outcome (case ids, 'conflict',
-- 'malformed', 'duplicate', 'already_imported'), updated in the transaction of each batch, so a
-- killed run still tells what it committed. A run of the same source and checksum after an
-- unfinished one resumes it (resumed_from): rows already imported are skipped.
create table legacy_import_runs (
  id bigserial primary key,
  source text not null check (source in ('torch-company', 'torch-personal', 'foreign-work', 'foreign-expert')),
  file_name text not null,
  file_checksum text not null,
  dry_run boolean not null,
  status text not null default 'running' check (status in ('running', 'finished', 'failed', 'interrupted')),
  resumed_from bigint references legacy_import_runs (id),
  counts jsonb not null default '{}',
  rows_read integer not null default 0,
  -- last line of the file whose batch was committed (dry runs: decided)
  last_line integer not null default 0,
  error text,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index legacy_import_runs_file on legacy_import_runs (source, file_checksum, id desc);

-- The outcome of each legacy account, one row per source and legacy login name: what the
-- account lookup (账号检索) answers from, and what makes re-runs idempotent. A decided case is
-- final (its row is skipped by later runs); a conflict is decided again by the next run.
-- legacy_key: the credit code (torch-company, upper case), the login name in lower case
-- (foreign-work, foreign-expert), or the keyed hash of the mobile (torch-personal): no plain
-- mobile is stored here. legacy_login_name is what an operator sees (mobiles masked).
-- account_id and run_id have no foreign keys on purpose: a key check per row doubled the cost of
-- this table's inserts at a million rows (bench/import); runs are never deleted, accounts are
-- disabled rather than deleted, and a dangling id only ever shows in an operator's report.
create table legacy_import_rows (
  source text not null,
  legacy_key text not null,
  legacy_login_name text not null,
  -- a case id of src/legacy/cases.ts (torch-company-1 …), or 'conflict'
  outcome text not null,
  conflict_reason text,
  login_window text check (login_window in ('natural', 'legal')),
  -- the created or kept account (null for torch-personal-4 and conflicts)
  account_id uuid,
  -- its login name; null where it holds a mobile (torch-personal: see account_id)
  login_name text,
  notes text[] not null default '{}',
  -- the row's credit code, upper case (organisation sources), and the keyed hash of the
  -- reserved mobile (foreign-expert; a Torch personal legacy_key is that hash), for lookups by those
  credit_code_key text,
  mobile_hash text,
  run_id bigint not null,
  line integer not null,
  decided_at timestamptz not null default now(),
  primary key (source, legacy_key)
);
create index legacy_import_rows_credit_code on legacy_import_rows (source, credit_code_key) where credit_code_key is not null;
create index legacy_import_rows_mobile on legacy_import_rows (source, mobile_hash) where mobile_hash is not null;

-- Rows of a run that were not imported because they are malformed or repeat an earlier row of
-- the file: the line, the error codes and the messages (第12行：…).
create table legacy_import_errors (
  run_id bigint not null references legacy_import_runs (id) on delete cascade,
  line integer not null,
  codes text[] not null,
  message text not null,
  primary key (run_id, line)
);
