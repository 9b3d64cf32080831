-- Issue 16. Why and by whom a certificate was withdrawn (0011 added revoked_at). The reason is free text a
-- trainer writes and may name people, so it is kept here, shown to the holder and the force's trainers, and
-- never copied into the audit log, which records only that the certificate was withdrawn and by whom.
ALTER TABLE certificates ADD COLUMN revoked_reason text;
ALTER TABLE certificates ADD COLUMN revoked_by uuid REFERENCES users(id);
ALTER TABLE certificates ADD CONSTRAINT certificates_revoked_reason_check
  CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL));
