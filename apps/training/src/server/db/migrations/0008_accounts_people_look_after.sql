-- Issue 15: accounts people look after, admin screens, imports from HR, and due dates for joiners.

-- A password an admin set (on create or reset) is temporary: until its holder changes it, their session can
-- only change it or sign out. Accounts that exist already keep the passwords they have.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
-- The key of a person in the force's HR system (HR imports match on it); unique within a force.
ALTER TABLE users ADD COLUMN employee_number text;
CREATE UNIQUE INDEX users_force_employee_number_key ON users (force_id, lower(employee_number));
-- When the person last joined or moved (unit or job role): an assignment made before then is due this
-- long after it, not on a date already past. Existing accounts count from when they were created.
ALTER TABLE users ADD COLUMN placed_at timestamptz;
UPDATE users SET placed_at = created_at;
ALTER TABLE users ALTER COLUMN placed_at SET NOT NULL;
ALTER TABLE users ALTER COLUMN placed_at SET DEFAULT now();

-- A closed unit keeps its history (people's records name it) but takes no new people or children.
ALTER TABLE units ADD COLUMN closed_at timestamptz;

-- A session ended for a reason its holder should be told on their next request (the account was disabled,
-- the password changed elsewhere); the row goes once it has been told, or when it expires.
ALTER TABLE sessions ADD COLUMN ended_reason text
  CONSTRAINT sessions_ended_reason_check CHECK (ended_reason IN ('account-disabled', 'password-changed'));

-- One-time password reset links. Only the SHA-256 of the token is stored, so a copy of the table cannot be
-- used to reset anyone's password; a link works once, and for 30 minutes.
CREATE TABLE password_reset_tokens (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  force_id text NOT NULL REFERENCES forces (id),
  issued_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id);
CREATE INDEX password_reset_tokens_expires_idx ON password_reset_tokens (expires_at);

-- A person's sign-in history (the admin's user page) reads the audit log by subject, newest first.
CREATE INDEX audit_log_subject_at_idx ON audit_log (subject, at);
