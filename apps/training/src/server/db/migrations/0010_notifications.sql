-- Notifications by email (issue 20): how each force sends, what each person wants, and every message the
-- reminder scan decided on. The job queue itself (pg-boss) keeps its own tables in the `pgboss` schema,
-- which pg-boss creates and migrates (docs/decisions/0004-job-runner.md).

-- One delivery channel per force: SMTP or GOV.UK Notify. Secrets (the SMTP URL's password, the Notify API
-- key) are stored here and never returned by the API nor written to a log line.
CREATE TABLE notification_channels (
  force_id text PRIMARY KEY REFERENCES forces (id),
  kind text NOT NULL CONSTRAINT notification_channels_kind CHECK (kind IN ('smtp', 'notify')),
  -- The name messages are signed with and the From address (SMTP; Notify sends from the service's own).
  sender_name text NOT NULL,
  from_address text,
  smtp_url text,
  notify_api_key text,
  notify_template_id uuid,
  -- Messages are held during quiet hours (force-local), and batched ones go out when quiet hours end.
  quiet_start_hour smallint NOT NULL DEFAULT 21 CONSTRAINT notification_channels_quiet_start CHECK (quiet_start_hour BETWEEN 0 AND 23),
  quiet_end_hour smallint NOT NULL DEFAULT 8 CONSTRAINT notification_channels_quiet_end CHECK (quiet_end_hour BETWEEN 0 AND 23),
  time_zone text NOT NULL DEFAULT 'Europe/London',
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notification_channels_smtp CHECK (kind <> 'smtp' OR (smtp_url IS NOT NULL AND from_address IS NOT NULL)),
  CONSTRAINT notification_channels_notify CHECK (kind <> 'notify' OR (notify_api_key IS NOT NULL AND notify_template_id IS NOT NULL))
);

-- What a person wants: how often optional messages come, whether mandatory reminders are batched daily, and
-- how often a trainer's digest comes. A permanent delivery failure is recorded here against the person.
CREATE TABLE notification_preferences (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  optional_frequency text NOT NULL DEFAULT 'immediate'
    CONSTRAINT notification_preferences_optional CHECK (optional_frequency IN ('immediate', 'daily', 'off')),
  mandatory_frequency text NOT NULL DEFAULT 'immediate'
    CONSTRAINT notification_preferences_mandatory CHECK (mandatory_frequency IN ('immediate', 'daily')),
  digest_frequency text NOT NULL DEFAULT 'weekly'
    CONSTRAINT notification_preferences_digest CHECK (digest_frequency IN ('weekly', 'daily', 'off')),
  undeliverable_at timestamptz,
  undeliverable_reason text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every message the scan decided a person should get. `dedupe_key` is person × notification × due period,
-- so a scan run twice (a retried job, two instances) inserts nothing the second time. `details` holds the
-- facts the message is rendered from (module id, dates, counts), never a rendered body.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  force_id text NOT NULL REFERENCES forces (id),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  dedupe_key text NOT NULL,
  mandatory boolean NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL,
  send_after timestamptz NOT NULL,
  state text NOT NULL DEFAULT 'pending'
    CONSTRAINT notifications_state CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'suppressed')),
  attempts integer NOT NULL DEFAULT 0,
  claimed_at timestamptz,
  sent_at timestamptz,
  read_at timestamptz
);
CREATE UNIQUE INDEX notifications_user_dedupe_key ON notifications (user_id, dedupe_key);
CREATE INDEX notifications_pending_idx ON notifications (send_after) WHERE state IN ('pending', 'sending');
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at);

-- The send log: one row per message handed to a channel (who by user id, which template, when, the result),
-- never its body or the address.
CREATE TABLE notification_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  force_id text NOT NULL,
  user_id uuid NOT NULL,
  template text NOT NULL,
  channel text NOT NULL,
  notification_ids uuid[] NOT NULL,
  at timestamptz NOT NULL,
  result text NOT NULL CONSTRAINT notification_deliveries_result CHECK (result IN ('sent', 'failed', 'rejected')),
  error text,
  provider_reference text
);
CREATE INDEX notification_deliveries_force_at_idx ON notification_deliveries (force_id, at);
CREATE INDEX notification_deliveries_user_idx ON notification_deliveries (user_id, at);
