-- Initial schema. Mirrors src/server/db/schema.ts; test/db/schema.test.ts checks that they agree.

CREATE TABLE forces (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
  id uuid PRIMARY KEY,
  force_id text NOT NULL REFERENCES forces (id),
  parent_id uuid REFERENCES units (id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('command', 'team')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX units_force_name_key ON units (force_id, name);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  force_id text NOT NULL REFERENCES forces (id),
  unit_id uuid REFERENCES units (id),
  email text NOT NULL,
  -- Collar numbers are unique across the deployment so that sign-in by collar number is unambiguous;
  -- a multi-force deployment gives each force's numbers a prefix.
  collar_number text,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('officer', 'trainer', 'admin')),
  job_role text NOT NULL CHECK (job_role IN ('call-handler', 'response-officer', 'investigator', 'supervisor', 'staff')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE UNIQUE INDEX users_collar_number_key ON users (lower(collar_number));
CREATE INDEX users_force_unit_idx ON users (force_id, unit_id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  force_id text NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE assignments (
  id uuid PRIMARY KEY,
  force_id text NOT NULL REFERENCES forces (id),
  module_id text NOT NULL,
  unit_id uuid REFERENCES units (id),
  job_role text CHECK (job_role IN ('call-handler', 'response-officer', 'investigator', 'supervisor', 'staff')),
  user_id uuid REFERENCES users (id),
  due_date date NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignments_force_module_idx ON assignments (force_id, module_id);

CREATE TABLE statements (
  seq bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  id uuid PRIMARY KEY,
  force_id text NOT NULL,
  user_id uuid NOT NULL,
  verb text NOT NULL,
  object_id text NOT NULL,
  module_id text NOT NULL,
  registration uuid,
  "timestamp" timestamptz NOT NULL,
  stored timestamptz NOT NULL DEFAULT now(),
  content_hash text NOT NULL,
  statement jsonb NOT NULL
);
CREATE UNIQUE INDEX statements_seq_key ON statements (seq);
CREATE INDEX statements_user_module_seq_idx ON statements (user_id, module_id, seq);
CREATE INDEX statements_force_stored_idx ON statements (force_id, stored);

CREATE TABLE completions (
  user_id uuid NOT NULL REFERENCES users (id),
  module_id text NOT NULL,
  force_id text NOT NULL,
  unit_id uuid,
  job_role text NOT NULL,
  status text NOT NULL CHECK (status IN ('not-started', 'in-progress', 'completed')),
  experienced_lesson_ids text[] NOT NULL DEFAULT '{}'::text[],
  last_lesson_id text,
  attempts integer NOT NULL DEFAULT 0,
  score_percent integer,
  best_score_percent integer,
  started_at timestamptz,
  completed_at timestamptz,
  expires_at timestamptz,
  certificate_id text,
  last_statement_seq bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, module_id)
);
CREATE INDEX completions_force_module_status_idx ON completions (force_id, module_id, status, expires_at);
CREATE INDEX completions_force_unit_idx ON completions (force_id, unit_id, module_id, status);
CREATE INDEX completions_force_job_role_idx ON completions (force_id, job_role, module_id, status);
CREATE INDEX completions_force_completed_idx ON completions (force_id, completed_at);

CREATE TABLE certificates (
  id text PRIMARY KEY,
  force_id text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  module_id text NOT NULL,
  module_version text NOT NULL,
  score_percent integer NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  statement_id uuid NOT NULL REFERENCES statements (id)
);
CREATE INDEX certificates_user_module_idx ON certificates (user_id, module_id);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  force_id text,
  actor_user_id uuid,
  action text NOT NULL,
  subject text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_force_at_idx ON audit_log (force_id, at);
