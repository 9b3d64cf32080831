-- Statement ingestion writes a batch of statements and the projection rows they change in one SQL statement
-- (src/server/learning/ingest.ts), checking that each row is still the version it read. When one is not,
-- the statement calls this to fail as a whole, with PostgreSQL's own code for "retry this transaction".
CREATE FUNCTION ingest_conflict(detail text) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'projection rows changed while statements were being written: %', detail USING ERRCODE = '40001';
END
$$;

-- Most writes touch only unindexed columns (lessons seen, last lesson, last statement), so free space on each
-- page lets PostgreSQL update the row in place (a HOT update) instead of adding an entry to every index.
ALTER TABLE completions SET (fillfactor = 80);
