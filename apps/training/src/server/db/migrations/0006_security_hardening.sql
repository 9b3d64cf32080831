-- Issue 14: security and integrity hardening.

-- Failed sign-ins per key (account and address, or address alone). A sign-in reserves its attempt here
-- before the password is checked, with one atomic upsert per key, so a burst of concurrent guesses cannot
-- outrun the count, and every app instance sharing the database shares the count.
CREATE TABLE sign_in_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX sign_in_throttle_window_idx ON sign_in_throttle (window_ends_at);

-- Knowledge-check attempts as drawn: which questions, with their options in the order shown. Marking uses
-- exactly this draw; the learner's recent draws decide whether another attempt is allowed yet.
CREATE TABLE attempt_draws (
  id uuid PRIMARY KEY,
  force_id text NOT NULL REFERENCES forces (id),
  user_id uuid NOT NULL REFERENCES users (id),
  module_id text NOT NULL,
  module_version text NOT NULL,
  questions jsonb NOT NULL,
  drawn_at timestamptz NOT NULL,
  submitted_at timestamptz,
  passed boolean,
  wrong_question_ids jsonb
);
CREATE INDEX attempt_draws_user_module_idx ON attempt_draws (user_id, module_id, drawn_at);

-- Knowledge-check attempts a learner may start per module in 24 hours before being asked to re-read the
-- lessons their last attempt named (force configuration).
ALTER TABLE forces ADD COLUMN attempts_per_day integer NOT NULL DEFAULT 3 CHECK (attempts_per_day BETWEEN 1 AND 50);
