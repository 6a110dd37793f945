-- Real-name assurance levels (issue 20.4): a business system may require a minimum level
-- (l1 self-declared, l2 format-checked document, l3 national registry, l4 manual review);
-- null: no minimum (only requires_verification, as before). Enforced by the entry checks.
alter table business_systems add column minimum_realname_level text
  check (minimum_realname_level in ('l1', 'l2', 'l3', 'l4'));
