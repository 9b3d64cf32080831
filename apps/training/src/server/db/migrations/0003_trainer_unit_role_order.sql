-- The trainer grid filtered to one team or one job role, in name order (issue 8). Without these the name walk
-- of users_force_name_idx discards ~49 of every 50 rows (EXPLAIN in docs/training-explain.md). Mirrors
-- src/server/db/schema.ts.
CREATE INDEX users_force_unit_name_idx ON users (force_id, unit_id, lower(display_name), id);
CREATE INDEX users_force_job_role_name_idx ON users (force_id, job_role, lower(display_name), id);
