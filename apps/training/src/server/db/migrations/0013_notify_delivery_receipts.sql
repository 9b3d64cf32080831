-- GOV.UK Notify delivery receipts (issue 20): Notify POSTs a receipt per email to a callback URL per force,
-- with a bearer token the force's admin issues here and sets in Notify. Only the token's SHA-256 is stored.
CREATE TABLE notify_callback_tokens (
  force_id text PRIMARY KEY REFERENCES forces (id),
  token_hash text NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The receipt's status against the send it is about (matched by Notify's id for the email).
ALTER TABLE notification_deliveries ADD COLUMN receipt_status text
  CONSTRAINT notification_deliveries_receipt_status
  CHECK (receipt_status IN ('delivered', 'permanent-failure', 'temporary-failure', 'technical-failure'));
ALTER TABLE notification_deliveries ADD COLUMN receipt_at timestamptz;
CREATE INDEX notification_deliveries_provider_reference_idx
  ON notification_deliveries (force_id, provider_reference) WHERE provider_reference IS NOT NULL;

-- A failing address is recorded with the SHA-256 of the address that failed (lower case), so sending stops
-- for that address only: it starts again when the person's address changes, or when an admin clears it.
ALTER TABLE notification_preferences ADD COLUMN undeliverable_email_sha256 text;
UPDATE notification_preferences p
SET undeliverable_email_sha256 = encode(sha256(convert_to(lower(u.email), 'UTF8')), 'hex')
FROM users u
WHERE u.id = p.user_id AND p.undeliverable_at IS NOT NULL;
