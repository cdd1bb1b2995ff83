-- Programme memberships become an import target (issue 10 §2): lists from SIKS-NG,
-- DTSEN extracts and office spreadsheets of who is in PKH, BPNT, PBI-JK…
ALTER TABLE import_run DROP CONSTRAINT import_run_target_check;
ALTER TABLE import_run ADD CONSTRAINT import_run_target_check
  CHECK (target IN ('persons', 'members', 'programme_memberships'));
ALTER TABLE import_mapping_template DROP CONSTRAINT import_mapping_template_target_check;
ALTER TABLE import_mapping_template ADD CONSTRAINT import_mapping_template_target_check
  CHECK (target IN ('persons', 'members', 'programme_memberships'));
