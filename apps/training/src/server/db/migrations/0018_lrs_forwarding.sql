-- Forwarding statements to a force's own LRS (issue 19): one target per force and an outbox of statements still
-- to send. A statement enters the outbox in the transaction that stores it (a trigger on `statements`, so every
-- writer — the group commit, the ledger, the /xapi resource — is covered and nothing acknowledged is missed).

-- The force's LRS. `password` is the HTTP Basic secret the force's LRS gave us: it must be sent, so it cannot be
-- hashed; it is read and written only by db/lrs-forwarding.ts (readForwardCredentials/writeForwardCredentials),
-- where sealing with SECRETS_KEY plugs in. Never returned by the API nor logged.
CREATE TABLE lrs_forward_targets (
  force_id text PRIMARY KEY REFERENCES forces (id),
  endpoint text NOT NULL,
  username text NOT NULL,
  password text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- Back-off: consecutive failed tries, and the earliest time of the next.
  failures integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  last_error_at timestamptz,
  last_success_at timestamptz,
  forwarded_count bigint NOT NULL DEFAULT 0,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per statement still to send (deleted once the target has it). `rejected` rows were refused by the
-- target as bad (400): kept, with the target's reason, for an admin to see and send again; never retried alone.
CREATE TABLE lrs_forward_outbox (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  statement_id uuid PRIMARY KEY,
  force_id text NOT NULL,
  rejected_at timestamptz,
  rejection text,
  enqueued_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lrs_forward_outbox_pending_idx ON lrs_forward_outbox (force_id, seq) WHERE rejected_at IS NULL;

-- One statement-level trigger per INSERT (not per row): a write of 500 statements runs one INSERT … SELECT, which
-- finds nothing to do unless the force forwards.
CREATE FUNCTION lrs_forward_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lrs_forward_outbox (statement_id, force_id)
  SELECT n.id, n.force_id FROM new_statements n
  WHERE EXISTS (SELECT 1 FROM lrs_forward_targets t WHERE t.force_id = n.force_id AND t.enabled)
  ORDER BY n.seq
  ON CONFLICT (statement_id) DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER statements_lrs_forward AFTER INSERT ON statements
  REFERENCING NEW TABLE AS new_statements FOR EACH STATEMENT EXECUTE FUNCTION lrs_forward_enqueue();
