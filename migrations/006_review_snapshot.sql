-- The data a review was submitted with (encrypted JSON), so a reviewer always judges the
-- scans against what the user submitted, even after a later key-field change supersedes it.
alter table reviews add column data_enc text;
