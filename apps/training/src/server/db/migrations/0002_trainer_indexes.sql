-- Indexes for the trainer's views (issue 8). Mirrors the index lists in src/server/db/schema.ts.

-- The grid's default order (name) and its collar-number order walk these as keyset pages within one force;
-- the trailing id makes every key unique, matching the (key, id) cursor.
CREATE INDEX users_force_name_idx ON users (force_id, lower(display_name), id);
CREATE INDEX users_force_collar_idx ON users (force_id, (coalesce(lower(collar_number), '')), id);

-- Completions over time: certificates issued per month in one force.
CREATE INDEX certificates_force_issued_idx ON certificates (force_id, issued_at);

-- A learner's statement timeline, newest first, across modules.
CREATE INDEX statements_user_seq_idx ON statements (user_id, seq);
