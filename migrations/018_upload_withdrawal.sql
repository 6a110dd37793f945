-- Issue 14.14: a replacement the platform refused (too large, not an image) leaves its slot
-- empty rather than silently keeping the previous file to be submitted. The previous file is
-- withdrawn, not deleted: a rejected review may still name it. The current file of a slot is
-- the latest row of the generation, unless that row is withdrawn.
alter table uploads add column withdrawn_at timestamptz;
