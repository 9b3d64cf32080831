-- Migration 0004's indexes, built without blocking writes, for a large live PostgreSQL database. Run it once
-- against the database before starting a version of the app that includes migration 0004:
--
--   psql "$DATABASE_URL" --set ON_ERROR_STOP=1 -f apps/training/src/server/db/online/0004_build_indexes_concurrently.sql
--
-- psql runs each statement in its own transaction, as CREATE INDEX CONCURRENTLY needs. Each build takes longer
-- than a plain one (it scans the table twice) but writes go on meanwhile. If a build fails, PostgreSQL leaves
-- an invalid index: run the script again after dropping it, or leave it to migration 0004, which drops
-- invalid leftovers and builds them under the usual lock. When this script has finished, migration 0004
-- finds every index in place and only records itself.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_display_name_trgm_idx ON users USING gin (lower(display_name) gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_collar_number_trgm_idx ON users USING gin (lower(collar_number) gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS completions_module_score_idx ON completions (force_id, module_id, score_percent, user_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS completions_module_completed_at_idx ON completions (force_id, module_id, completed_at, user_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS completions_module_expires_at_idx ON completions (force_id, module_id, expires_at, user_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS completions_module_status_user_idx ON completions (force_id, module_id, status, user_id, expires_at);
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_force_id_idx ON users (force_id, id);

-- The name index gains INCLUDE columns: built beside the old one, then swapped in by one short transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_force_name_covering_idx ON users (force_id, lower(display_name), id)
  INCLUDE (display_name, collar_number, disabled_at);
BEGIN;
DROP INDEX IF EXISTS users_force_name_idx;
ALTER INDEX users_force_name_covering_idx RENAME TO users_force_name_idx;
COMMIT;
