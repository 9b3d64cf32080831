-- The xAPI LRS at /xapi (issue 19). Outside clients sign in with HTTP Basic credentials an admin created for one
-- force; their statements join the same append-only log and completion projection as the app's own.

-- One LRS client: its Basic user name (`key`, public) and the SHA-256 of its secret. The secret is 32 random bytes
-- the server generated and shows once, not a password a person chose, so a slow hash would add no protection
-- against guessing and would cost every request (Basic sends it each time): see docs/decisions/0004-xapi-lrs.md.
CREATE TABLE lrs_clients (
  id uuid PRIMARY KEY,
  force_id text NOT NULL REFERENCES forces (id),
  name text NOT NULL,
  key text NOT NULL,
  secret_hash text NOT NULL,
  can_read boolean NOT NULL,
  can_write boolean NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CONSTRAINT lrs_clients_some_right CHECK (can_read OR can_write)
);
CREATE UNIQUE INDEX lrs_clients_key_key ON lrs_clients (key);
CREATE INDEX lrs_clients_force_idx ON lrs_clients (force_id, created_at);

-- A statement about an activity outside the curriculum is stored but projects nothing: no module.
ALTER TABLE statements ALTER COLUMN module_id DROP NOT NULL;
-- The statement a StatementRef object points at (voiding statements among them), so "is this voided?" and the
-- StatementRef filter rule are index lookups rather than scans of the JSON.
ALTER TABLE statements ADD COLUMN ref_target uuid;
-- True for a voiding statement (verb http://adlnet.gov/expapi/verbs/voided); set once on insert, never changed.
ALTER TABLE statements ADD COLUMN voiding boolean NOT NULL DEFAULT false;
CREATE INDEX statements_ref_target_idx ON statements (ref_target) WHERE ref_target IS NOT NULL;
-- Statement queries page through one force's statements in stored order; this replaces (force_id, stored).
CREATE INDEX statements_force_stored_seq_idx ON statements (force_id, stored, seq);
DROP INDEX statements_force_stored_idx;

-- State resource documents (xAPI Communication 2.3), one per activity × agent × registration × state id, in one
-- force. `registration` is '' when none was given, so the key is one unique index.
CREATE TABLE xapi_state_documents (
  force_id text NOT NULL REFERENCES forces (id),
  activity_id text NOT NULL,
  agent_key text NOT NULL,
  registration text NOT NULL,
  state_id text NOT NULL,
  content_type text NOT NULL,
  content bytea NOT NULL,
  etag text NOT NULL,
  updated timestamptz NOT NULL,
  PRIMARY KEY (force_id, activity_id, agent_key, registration, state_id)
);
