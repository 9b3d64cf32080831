-- Issue 16. A force can withdraw a certificate: it still verifies, as revoked, so a paper copy cannot mislead.
ALTER TABLE certificates ADD COLUMN revoked_at timestamptz;
