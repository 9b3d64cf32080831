-- Issue 16. A force can withdraw a certificate: it still verifies, as revoked, so a paper copy cannot mislead.
ALTER TABLE certificates ADD COLUMN revoked_at timestamptz;

-- Issue 16. The answers a learner has given so far in a knowledge check they have not submitted, kept on the
-- server with the drawn attempt, so leaving part-way costs nothing and any device carries on from them.
-- question id → chosen option ids.
ALTER TABLE attempt_draws ADD COLUMN answers_so_far jsonb NOT NULL DEFAULT '{}'::jsonb;
