-- The trainer grid at 1,000,000 learners (issue 8). Mirrors the index lists in src/server/db/schema.ts; the
-- plans that use each index are in docs/training-explain.md.
--
-- Building these locks writes to users and completions while it runs, which on a large live database means
-- minutes without sign-ups or statements. db/online/0004_build_indexes_concurrently.sql builds the same
-- indexes without that lock ahead of the upgrade; every step here then finds its index built and does nothing.

-- A concurrent build that failed leaves an invalid index behind; drop it so the steps below build it again.
DO $$
DECLARE
  leftover text;
BEGIN
  FOR leftover IN
    SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE NOT i.indisvalid AND c.relname IN ('users_display_name_trgm_idx', 'users_collar_number_trgm_idx',
      'users_force_name_covering_idx', 'completions_module_score_idx', 'completions_module_completed_at_idx',
      'completions_module_expires_at_idx', 'completions_module_status_user_idx', 'users_force_id_idx')
  LOOP
    EXECUTE format('DROP INDEX %I', leftover);
  END LOOP;
END
$$;

-- Substring search on name and collar number (`q`): trigram GIN indexes answer `LIKE '%text%'` and
-- `LIKE 'text%'` without reading every learner. pg_trgm is a trusted extension (PostgreSQL 13+), so the
-- database owner may create it; PGlite loads it in db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS users_display_name_trgm_idx ON users USING gin (lower(display_name) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS users_collar_number_trgm_idx ON users USING gin (lower(collar_number) gin_trgm_ops);

-- A search in name order (the grid's default) whose matches are many, such as a common surname, is answered
-- by walking the name index and testing each entry; matches are not spread evenly through name order (a
-- surname sorts after every given name before it), so the walk may pass tens of thousands of learners for
-- one page. With the name, collar number and disabled flag in the index, that walk is an index-only scan
-- that never visits the table. Same name and key as 0002's index, which it replaces.
-- (The online script builds it as users_force_name_covering_idx and swaps it in; this block does the same
-- unless the index already has its INCLUDE columns.)
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relname = 'users_force_name_idx' AND i.indnatts > i.indnkeyatts
  ) THEN
    DROP INDEX IF EXISTS users_force_name_idx;
    CREATE INDEX IF NOT EXISTS users_force_name_covering_idx ON users (force_id, lower(display_name), id)
      INCLUDE (display_name, collar_number, disabled_at);
    ALTER INDEX users_force_name_covering_idx RENAME TO users_force_name_idx;
  END IF;
END
$$;

-- Module sorts walk one of these in order instead of sorting every learner: the learners with a value on
-- the module, ordered by (value, user), as the keyset cursor is. The status sort walks each status in user
-- order and checks the expiry (which splits completed into expired, due for renewal and completed) inside
-- the index.
CREATE INDEX IF NOT EXISTS completions_module_score_idx ON completions (force_id, module_id, score_percent, user_id);
CREATE INDEX IF NOT EXISTS completions_module_completed_at_idx ON completions (force_id, module_id, completed_at, user_id);
CREATE INDEX IF NOT EXISTS completions_module_expires_at_idx ON completions (force_id, module_id, expires_at, user_id);
CREATE INDEX IF NOT EXISTS completions_module_status_user_idx ON completions (force_id, module_id, status, user_id, expires_at);

-- The learners with no value on a module (no projection row yet, or an empty score or date) sort as one
-- group in user order: a walk of the force's users by id.
CREATE INDEX IF NOT EXISTS users_force_id_idx ON users (force_id, id);
