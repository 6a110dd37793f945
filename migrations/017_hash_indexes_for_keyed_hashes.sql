-- Mobiles and documents are looked up only by equality of their keyed hash (64 hex
-- characters): hash indexes hold a 4-byte hash code per row instead of the whole key, a
-- quarter of the size of the b-trees they replace, and find a key in one bucket page instead
-- of a descent through the tree (bench/import: the legacy import inserts and looks up both
-- for every row).
drop index identities_document_hash;
drop index identities_mobile_hash;
create index identities_document_hash on identities using hash (document_hash);
create index identities_mobile_hash on identities using hash (mobile_hash);
