-- Maintained distinct-person counts for the trainer's counts and charts (issue 21).
--
-- Every enabled learner contributes one count per catalog module (their cell: status, expiry day, assigned due
-- day) and one whole-person count (module '*': the latest expiry among completed modules, and the earliest day
-- they became or become overdue on any assigned module), under their force, unit and job role. Triggers on
-- completions, users and assignments turn every change into deltas in the same statement (statement-level
-- triggers see a batch's old and new rows as transition tables), so every writer of the projection — group
-- commit, the ledger, content changes — keeps the counts exact without knowing about them.
--
-- No row is updated by the writers: deltas are appended (merged = false) and folded into one merged row per key
-- by trainer_counts_compact, run in the background. Readers sum both. See docs/decisions/0006-trainer-counts.md.
--
-- Days are bucketed so a force has tens of thousands of rows, not millions: a day before yesterday is '-infinity'
-- (past is past), an expiry on or after the force's horizon (far_from, kept at least 31 days ahead by
-- trainer_counts_roll) is 'infinity', and no date at all is 1970-01-01. A learner with no unit is the nil uuid.

-- The modules counted: the app's catalog, set at start (syncTrainerCountModules), which recounts on a change.
CREATE TABLE trainer_count_modules (module_id text PRIMARY KEY);

-- Per force: expiries on or after far_from are kept in the 'infinity' bucket.
CREATE TABLE trainer_count_forces (
  force_id text PRIMARY KEY REFERENCES forces (id) ON DELETE CASCADE,
  far_from date NOT NULL,
  -- Days before this are gathered into '-infinity'.
  gathered_before date NOT NULL DEFAULT DATE '-infinity'
);
INSERT INTO trainer_count_forces (force_id, far_from) SELECT id, (now() AT TIME ZONE 'UTC')::date + 40 FROM forces;

CREATE TABLE trainer_counts (
  force_id text NOT NULL,
  unit_id uuid NOT NULL,
  job_role text NOT NULL,
  module_id text NOT NULL,
  -- 0 not started, 1 in progress, 2 completed (the projection's status); always 0 for '*'.
  state smallint NOT NULL,
  -- The expiry day (for '*': the latest expiry among completed modules).
  expires_day date NOT NULL,
  -- The assigned due day (for '*': the earliest of each assigned module's expiry day, or due day if none).
  due_day date NOT NULL,
  n integer NOT NULL,
  merged boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX trainer_counts_merged_key
  ON trainer_counts (force_id, unit_id, job_role, module_id, state, expires_day, due_day) WHERE merged;
CREATE INDEX trainer_counts_pending_idx ON trainer_counts (force_id) WHERE NOT merged;
-- The horizon roll finds a day's expiries on completions_module_expires_at_idx (0004).

CREATE FUNCTION trainer_count_state(status text) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
  SELECT (CASE status WHEN 'in-progress' THEN 1 WHEN 'completed' THEN 2 ELSE 0 END)::smallint
$$;

-- A day's bucket (see above). Days gone by are gathered into '-infinity' by trainer_counts_roll, on the reader's
-- clock (the app's, which tests set), never on the database's.
CREATE FUNCTION trainer_count_bucket(d date, far_from date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN d IS NULL THEN DATE '1970-01-01'
    WHEN d >= far_from THEN DATE 'infinity'
    ELSE d END
$$;

-- The earliest due date of the assignments of a module that cover a learner: trainer/query.ts's dueDateFor and
-- learning/due-dates.ts's joinerDueDate (a joiner gets the assignment's allowance from the day they were placed).
CREATE FUNCTION trainer_due_date(p_force text, p_module text, p_user uuid, p_unit uuid, p_role text, p_placed timestamptz)
RETURNS date LANGUAGE sql STABLE AS $$
  SELECT min(CASE WHEN p_placed > a.created_at
      THEN greatest(a.due_date, (p_placed AT TIME ZONE 'UTC')::date + greatest(0, a.due_date - (a.created_at AT TIME ZONE 'UTC')::date))
      ELSE a.due_date END)
  FROM assignments a
  WHERE a.force_id = p_force AND a.module_id = p_module
    AND (a.user_id = p_user OR (a.user_id IS NULL AND (a.unit_id IS NULL OR a.unit_id = p_unit)
      AND (a.job_role IS NULL OR a.job_role = p_role)))
$$;

-- A projection cell as it was before a change (status NULL: there was no row).
CREATE TYPE trainer_cell AS (user_id uuid, module_id text, status text, expires_at timestamptz);

-- One learner's count keys (one per counted module, and '*'), from their projection rows, with `p_instead`
-- standing in for the rows it names (the values before a change).
CREATE FUNCTION trainer_person_rows(p_force text, p_unit uuid, p_role text, p_user uuid, p_placed timestamptz,
  p_instead trainer_cell[] DEFAULT '{}')
RETURNS TABLE (force_id text, unit_id uuid, job_role text, module_id text, state smallint, expires_day date, due_day date)
LANGUAGE sql STABLE AS $$
  WITH far AS (SELECT f.far_from FROM trainer_count_forces f WHERE f.force_id = p_force),
  cells AS (
    SELECT m.module_id,
      CASE WHEN i.module_id IS NULL THEN c.status ELSE i.status END AS status,
      CASE WHEN i.module_id IS NULL THEN c.expires_at ELSE i.expires_at END AS expires_at,
      trainer_due_date(p_force, m.module_id, p_user, p_unit, p_role, p_placed) AS due
    FROM trainer_count_modules m
    LEFT JOIN completions c ON c.user_id = p_user AND c.module_id = m.module_id
    LEFT JOIN unnest(p_instead) i ON i.user_id = p_user AND i.module_id = m.module_id
  )
  SELECT p_force, coalesce(p_unit, '00000000-0000-0000-0000-000000000000'::uuid), p_role, cells.module_id,
    trainer_count_state(cells.status), trainer_count_bucket((cells.expires_at AT TIME ZONE 'UTC')::date, far.far_from),
    trainer_count_bucket(cells.due, far.far_from)
  FROM cells, far
  UNION ALL
  SELECT p_force, coalesce(p_unit, '00000000-0000-0000-0000-000000000000'::uuid), p_role, '*', 0::smallint,
    trainer_count_bucket((max(cells.expires_at) FILTER (WHERE cells.status = 'completed') AT TIME ZONE 'UTC')::date, far.far_from),
    trainer_count_bucket(min(coalesce((cells.expires_at AT TIME ZONE 'UTC')::date, cells.due)) FILTER (WHERE cells.due IS NOT NULL), far.far_from)
  FROM cells, far
  GROUP BY far.far_from
$$;

-- The lock that orders count changes per force: writers of the projection hold it shared (they never wait on
-- each other), changes that move whole people (transfers, disabling, assignments, the horizon) hold it exclusive.
CREATE FUNCTION trainer_counts_lock(p_force text, p_exclusive boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_exclusive THEN PERFORM pg_advisory_xact_lock(19, hashtext(p_force));
  ELSE PERFORM pg_advisory_xact_lock_shared(19, hashtext(p_force)); END IF;
END $$;

-- Appends the deltas of projection cells that changed (`p_changed`: their values before).
CREATE FUNCTION trainer_counts_apply(p_changed trainer_cell[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM trainer_counts_lock(f.force_id, false)
    FROM (SELECT DISTINCT u.force_id FROM users u WHERE u.id IN (SELECT x.user_id FROM unnest(p_changed) x) ORDER BY 1) f;
  -- A new statement, so a new snapshot: a transfer that committed while this waited is seen.
  INSERT INTO trainer_counts (force_id, unit_id, job_role, module_id, state, expires_day, due_day, n)
  SELECT r.force_id, r.unit_id, r.job_role, r.module_id, r.state, r.expires_day, r.due_day, sum(r.n)::int
  FROM users u
  CROSS JOIN LATERAL (
    SELECT b.*, -1 AS n FROM trainer_person_rows(u.force_id, u.unit_id, u.job_role, u.id, u.placed_at, p_changed) b
    UNION ALL
    SELECT a.*, 1 AS n FROM trainer_person_rows(u.force_id, u.unit_id, u.job_role, u.id, u.placed_at) a
  ) r
  WHERE u.id IN (SELECT x.user_id FROM unnest(p_changed) x) AND u.disabled_at IS NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.n) <> 0;
END $$;

CREATE FUNCTION trainer_counts_completions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed trainer_cell[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(ROW(n.user_id, n.module_id, NULL, NULL)::trainer_cell) INTO changed
    FROM new_rows n WHERE n.module_id IN (SELECT module_id FROM trainer_count_modules);
  ELSIF TG_OP = 'UPDATE' THEN
    -- Most statements (a lesson seen) change neither status nor expiry: they cost this one query.
    SELECT array_agg(ROW(o.user_id, o.module_id, o.status, o.expires_at)::trainer_cell) INTO changed
    FROM old_rows o JOIN new_rows n ON n.user_id = o.user_id AND n.module_id = o.module_id
    WHERE (o.status IS DISTINCT FROM n.status OR o.expires_at IS DISTINCT FROM n.expires_at)
      AND o.module_id IN (SELECT module_id FROM trainer_count_modules);
  ELSE
    SELECT array_agg(ROW(o.user_id, o.module_id, o.status, o.expires_at)::trainer_cell) INTO changed
    FROM old_rows o WHERE o.module_id IN (SELECT module_id FROM trainer_count_modules);
  END IF;
  IF changed IS NOT NULL THEN PERFORM trainer_counts_apply(changed); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER trainer_counts_completions_insert AFTER INSERT ON completions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trainer_counts_completions_changed();
CREATE TRIGGER trainer_counts_completions_update AFTER UPDATE ON completions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trainer_counts_completions_changed();
CREATE TRIGGER trainer_counts_completions_delete AFTER DELETE ON completions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trainer_counts_completions_changed();

-- New learners count as not started everywhere (they have no projection rows yet).
CREATE FUNCTION trainer_counts_users_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM trainer_counts_lock(f.force_id, false) FROM (SELECT DISTINCT force_id FROM new_rows ORDER BY 1) f;
  INSERT INTO trainer_counts (force_id, unit_id, job_role, module_id, state, expires_day, due_day, n)
  SELECT r.force_id, r.unit_id, r.job_role, r.module_id, r.state, r.expires_day, r.due_day, count(*)::int
  FROM new_rows u CROSS JOIN LATERAL trainer_person_rows(u.force_id, u.unit_id, u.job_role, u.id, u.placed_at) r
  WHERE u.disabled_at IS NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7;
  RETURN NULL;
END $$;
CREATE TRIGGER trainer_counts_users_insert AFTER INSERT ON users
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trainer_counts_users_inserted();

CREATE FUNCTION trainer_counts_users_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM trainer_counts_lock(f.force_id, true) FROM (SELECT DISTINCT force_id FROM old_rows ORDER BY 1) f;
  INSERT INTO trainer_counts (force_id, unit_id, job_role, module_id, state, expires_day, due_day, n)
  SELECT r.force_id, r.unit_id, r.job_role, r.module_id, r.state, r.expires_day, r.due_day, -count(*)::int
  FROM old_rows u CROSS JOIN LATERAL trainer_person_rows(u.force_id, u.unit_id, u.job_role, u.id, u.placed_at) r
  WHERE u.disabled_at IS NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7;
  RETURN NULL;
END $$;
CREATE TRIGGER trainer_counts_users_delete AFTER DELETE ON users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trainer_counts_users_deleted();

-- A transfer, a change of job role or placement, disabling or enabling: the person's counts move.
CREATE FUNCTION trainer_counts_user_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM trainer_counts_lock(f, true) FROM (SELECT DISTINCT f FROM unnest(ARRAY[OLD.force_id, NEW.force_id]) f ORDER BY 1) x;
  INSERT INTO trainer_counts (force_id, unit_id, job_role, module_id, state, expires_day, due_day, n)
  SELECT r.force_id, r.unit_id, r.job_role, r.module_id, r.state, r.expires_day, r.due_day, sum(r.n)::int
  FROM (
    SELECT b.*, -1 AS n FROM trainer_person_rows(OLD.force_id, OLD.unit_id, OLD.job_role, OLD.id, OLD.placed_at) b
    WHERE OLD.disabled_at IS NULL
    UNION ALL
    SELECT a.*, 1 AS n FROM trainer_person_rows(NEW.force_id, NEW.unit_id, NEW.job_role, NEW.id, NEW.placed_at) a
    WHERE NEW.disabled_at IS NULL
  ) r
  GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(r.n) <> 0;
  RETURN NULL;
END $$;
CREATE TRIGGER trainer_counts_user_update AFTER UPDATE ON users FOR EACH ROW
  WHEN (OLD.force_id IS DISTINCT FROM NEW.force_id OR OLD.unit_id IS DISTINCT FROM NEW.unit_id
    OR OLD.job_role IS DISTINCT FROM NEW.job_role OR OLD.placed_at IS DISTINCT FROM NEW.placed_at
    OR (OLD.disabled_at IS NULL) <> (NEW.disabled_at IS NULL))
  EXECUTE FUNCTION trainer_counts_user_moved();

-- Recounts one force's learners, or those of one unit (p_unit_given; NULL unit: those with none) and/or job role,
-- from scratch: what an assignment change, a new module list or a check does. Set-based: seconds at a million.
CREATE FUNCTION trainer_counts_recount(p_force text, p_unit_given boolean, p_unit uuid, p_role text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM trainer_counts_lock(p_force, true);
  INSERT INTO trainer_count_forces (force_id, far_from) VALUES (p_force, (now() AT TIME ZONE 'UTC')::date + 40)
    ON CONFLICT (force_id) DO NOTHING;
  DELETE FROM trainer_counts t WHERE t.force_id = p_force
    AND (NOT p_unit_given OR t.unit_id = coalesce(p_unit, '00000000-0000-0000-0000-000000000000'::uuid))
    AND (p_role IS NULL OR t.job_role = p_role);
  INSERT INTO trainer_counts (force_id, unit_id, job_role, module_id, state, expires_day, due_day, n, merged)
  WITH far AS (SELECT f.far_from FROM trainer_count_forces f WHERE f.force_id = p_force),
  people AS (
    SELECT u.id, u.force_id, coalesce(u.unit_id, '00000000-0000-0000-0000-000000000000'::uuid) AS unit_key, u.unit_id,
      u.job_role, u.placed_at
    FROM users u
    WHERE u.force_id = p_force AND u.disabled_at IS NULL
      AND (NOT p_unit_given OR u.unit_id IS NOT DISTINCT FROM p_unit) AND (p_role IS NULL OR u.job_role = p_role)
  ),
  -- Each assignment's due date for a learner, as trainer_due_date has it, joined rather than called per cell.
  dues AS (
    SELECT p.id, a.module_id, min(CASE WHEN p.placed_at > a.created_at
        THEN greatest(a.due_date, (p.placed_at AT TIME ZONE 'UTC')::date + greatest(0, a.due_date - (a.created_at AT TIME ZONE 'UTC')::date))
        ELSE a.due_date END) AS due
    FROM people p JOIN assignments a ON a.force_id = p.force_id
      AND (a.user_id = p.id OR (a.user_id IS NULL AND (a.unit_id IS NULL OR a.unit_id = p.unit_id)
        AND (a.job_role IS NULL OR a.job_role = p.job_role)))
    GROUP BY p.id, a.module_id
  ),
  cells AS (
    SELECT p.id, p.force_id, p.unit_key, p.job_role, m.module_id, c.status, c.expires_at, d.due
    FROM people p CROSS JOIN trainer_count_modules m
    LEFT JOIN completions c ON c.user_id = p.id AND c.module_id = m.module_id
    LEFT JOIN dues d ON d.id = p.id AND d.module_id = m.module_id
  ),
  person AS (
    SELECT cells.force_id, cells.unit_key, cells.job_role,
      max(cells.expires_at) FILTER (WHERE cells.status = 'completed') AS current_until,
      min(coalesce((cells.expires_at AT TIME ZONE 'UTC')::date, cells.due)) FILTER (WHERE cells.due IS NOT NULL) AS overdue_from
    FROM cells GROUP BY cells.id, cells.force_id, cells.unit_key, cells.job_role
  )
  SELECT cells.force_id, cells.unit_key, cells.job_role, cells.module_id, trainer_count_state(cells.status),
    trainer_count_bucket((cells.expires_at AT TIME ZONE 'UTC')::date, far.far_from), trainer_count_bucket(cells.due, far.far_from),
    count(*)::int, true
  FROM cells, far GROUP BY 1, 2, 3, 4, 5, 6, 7
  UNION ALL
  SELECT person.force_id, person.unit_key, person.job_role, '*', 0::smallint,
    trainer_count_bucket((person.current_until AT TIME ZONE 'UTC')::date, far.far_from),
    trainer_count_bucket(person.overdue_from, far.far_from), count(*)::int, true
  FROM person, far GROUP BY 1, 2, 3, 4, 5, 6, 7;
END $$;

-- An assignment changes the due dates of the learners in its scope (before and after): recount their groups.
CREATE FUNCTION trainer_counts_recount_scope(p_force text, p_unit uuid, p_role text, p_user uuid)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  u record;
BEGIN
  IF p_user IS NOT NULL THEN
    SELECT * INTO u FROM users WHERE id = p_user;
    IF FOUND THEN PERFORM trainer_counts_recount(u.force_id, true, u.unit_id, u.job_role); END IF;
  ELSE
    PERFORM trainer_counts_recount(p_force, p_unit IS NOT NULL, p_unit, p_role);
  END IF;
END $$;

CREATE FUNCTION trainer_counts_assignment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM trainer_counts_recount_scope(OLD.force_id, OLD.unit_id, OLD.job_role, OLD.user_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM trainer_counts_recount_scope(NEW.force_id, NEW.unit_id, NEW.job_role, NEW.user_id); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER trainer_counts_assignment AFTER INSERT OR UPDATE OR DELETE ON assignments
  FOR EACH ROW EXECUTE FUNCTION trainer_counts_assignment_changed();

CREATE FUNCTION trainer_counts_force_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO trainer_count_forces (force_id, far_from) VALUES (NEW.id, (now() AT TIME ZONE 'UTC')::date + 40)
    ON CONFLICT (force_id) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER trainer_counts_force AFTER INSERT ON forces FOR EACH ROW EXECUTE FUNCTION trainer_counts_force_added();

-- Folds a force's appended deltas into the merged rows (one per key). Holds the force's lock shared, so a
-- recount (exclusive) never sees a fold half done; two folds at once stay exact (each moves what it deleted).
CREATE FUNCTION trainer_counts_compact(p_force text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
BEGIN
  PERFORM trainer_counts_lock(p_force, false);
  WITH pending AS (
    DELETE FROM trainer_counts t WHERE t.force_id = p_force AND NOT t.merged RETURNING t.*
  ), folded AS (
    INSERT INTO trainer_counts AS t (force_id, unit_id, job_role, module_id, state, expires_day, due_day, n, merged)
    SELECT force_id, unit_id, job_role, module_id, state, expires_day, due_day, sum(n)::int, true
    FROM pending GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (force_id, unit_id, job_role, module_id, state, expires_day, due_day) WHERE merged
      DO UPDATE SET n = t.n + excluded.n
    RETURNING 1
  )
  SELECT count(*)::int INTO moved FROM folded;
  RETURN moved;
END $$;

-- Keeps the force's horizon at least 31 days ahead of `p_today` (the renewal window is 30 days): expiries that
-- come within it leave the 'infinity' bucket for their own day. Also gathers days now past into '-infinity'.
CREATE FUNCTION trainer_counts_roll(p_force text, p_today date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  old_far date;
  new_far date := p_today + 40;
BEGIN
  SELECT far_from INTO old_far FROM trainer_count_forces WHERE force_id = p_force;
  IF old_far IS NOT NULL AND old_far < p_today + 32 THEN
    PERFORM trainer_counts_lock(p_force, true);
    SELECT far_from INTO old_far FROM trainer_count_forces WHERE force_id = p_force;
    IF old_far < p_today + 32 THEN
      UPDATE trainer_count_forces SET far_from = new_far WHERE force_id = p_force;
      INSERT INTO trainer_counts (force_id, unit_id, job_role, module_id, state, expires_day, due_day, n)
      SELECT u.force_id, coalesce(u.unit_id, '00000000-0000-0000-0000-000000000000'::uuid), u.job_role, c.module_id,
        trainer_count_state(c.status), s.day,
        trainer_count_bucket(trainer_due_date(u.force_id, c.module_id, u.id, u.unit_id, u.job_role, u.placed_at), old_far),
        sum(s.n)::int
      FROM completions c JOIN users u ON u.id = c.user_id
      CROSS JOIN LATERAL (VALUES (DATE 'infinity', -1), ((c.expires_at AT TIME ZONE 'UTC')::date, 1)) s(day, n)
      WHERE c.force_id = p_force AND c.module_id IN (SELECT module_id FROM trainer_count_modules)
        AND c.expires_at >= (old_far::timestamp AT TIME ZONE 'UTC') AND c.expires_at < (new_far::timestamp AT TIME ZONE 'UTC')
        AND u.disabled_at IS NULL AND u.force_id = p_force
      GROUP BY 1, 2, 3, 4, 5, 6, 7;
    END IF;
  END IF;
  -- Past days into one bucket: merged rows move back to the deltas under '-infinity' and fold again.
  UPDATE trainer_count_forces SET gathered_before = greatest(gathered_before, p_today - 1) WHERE force_id = p_force;
  WITH past AS (
    DELETE FROM trainer_counts t WHERE t.force_id = p_force AND t.merged
      AND ((t.expires_day > DATE '1970-01-01' AND t.expires_day < p_today - 1 AND t.expires_day > DATE '-infinity')
        OR (t.due_day > DATE '1970-01-01' AND t.due_day < p_today - 1 AND t.due_day > DATE '-infinity'))
    RETURNING t.*
  )
  INSERT INTO trainer_counts (force_id, unit_id, job_role, module_id, state, expires_day, due_day, n)
  SELECT force_id, unit_id, job_role, module_id, state,
    CASE WHEN expires_day > DATE '1970-01-01' AND expires_day < p_today - 1 THEN DATE '-infinity' ELSE expires_day END,
    CASE WHEN due_day > DATE '1970-01-01' AND due_day < p_today - 1 THEN DATE '-infinity' ELSE due_day END, n
  FROM past;
  DELETE FROM trainer_counts WHERE force_id = p_force AND merged AND n = 0;
  PERFORM trainer_counts_compact(p_force);
END $$;
