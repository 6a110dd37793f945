-- Issue 18.1: the review queue lists, filters and sorts by who is reviewed (the real name or the
-- organisation's name, as submitted), the document type (an organisation: its legal person
-- type) and how many submissions came before. They are copied onto the review when it is
-- opened: a change of key data supersedes the review, so they stay what the reviewer judges,
-- and the queue is one indexed query on this table, never a decryption.
alter table reviews add column subject_name text not null default '';
alter table reviews add column subject_type text not null default '';
alter table reviews add column earlier_submissions integer not null default 0;

-- Issue 18.2: opening a review claims it for a while; a claim is valid while claimed_until is
-- in the future, so it expires by itself, without a job.
alter table reviews add column claimed_by uuid references staff (id);
alter table reviews add column claimed_until timestamptz;

update reviews r set subject_name = o.name, subject_type = o.legal_person_type
  from organizations o where r.subject = 'organization' and o.account_id = r.account_id;
update reviews r set subject_name = i.name, subject_type = coalesce(i.document_type, '')
  from identities i where r.subject <> 'organization' and i.account_id = r.account_id and i.role = r.subject;
update reviews r set earlier_submissions = e.n
  from (select id, row_number() over (partition by account_id, subject order by submitted_at, id) - 1 as n from reviews) e
  where e.id = r.id and e.n > 0;

-- Oldest first within a status, optionally of one subject or type; names by prefix.
drop index reviews_queue;
create index reviews_queue on reviews (status, submitted_at, id);
create index reviews_queue_subject on reviews (status, subject, submitted_at, id);
create index reviews_queue_type on reviews (status, subject_type, submitted_at, id);
create index reviews_queue_name on reviews (status, subject_name text_pattern_ops);
-- Earlier submissions of the same subject are counted when a review opens.
create index reviews_account on reviews (account_id, subject);
