-- Self-registration links can be revoked (issue 4): who revoked a link, beside when
-- (revoked_at, already in 0011). Like created_by, the user id is kept without a
-- foreign key so the audit trail, not this table, is the record of accounts.
ALTER TABLE member_registration_link ADD COLUMN revoked_by uuid;
CREATE INDEX member_registration_link_regency_idx ON member_registration_link (regency_code, created_at DESC);
