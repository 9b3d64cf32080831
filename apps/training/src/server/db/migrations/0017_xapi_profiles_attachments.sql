-- The xAPI LRS's Activity Profile and Agent Profile resources and statement attachments (issue 19, second part).

-- One table for every document resource (Communication 2.2): State, Activity Profile and Agent Profile documents
-- share their storage, ETags and concurrency rules, so they share the table. `resource` says which; the parts of
-- the key a resource does not have are '' (an Activity Profile has no agent or registration, an Agent Profile no
-- activity or registration). The State documents already stored keep their key, with resource 'state'.
ALTER TABLE xapi_state_documents RENAME TO xapi_documents;
ALTER TABLE xapi_documents RENAME COLUMN state_id TO document_id;
ALTER TABLE xapi_documents ADD COLUMN resource text NOT NULL DEFAULT 'state';
ALTER TABLE xapi_documents ALTER COLUMN resource DROP DEFAULT;
ALTER TABLE xapi_documents DROP CONSTRAINT xapi_state_documents_pkey;
ALTER TABLE xapi_documents
  ADD CONSTRAINT xapi_documents_pkey PRIMARY KEY (force_id, resource, activity_id, agent_key, registration, document_id);
ALTER TABLE xapi_documents
  ADD CONSTRAINT xapi_documents_resource CHECK (resource IN ('state', 'activity-profile', 'agent-profile'));

-- Attachment content (Data 2.4.11), kept once per SHA-2 however many statements (of any force) carry it: the
-- bytes are reached only through a statement of the caller's force that names the hash, so sharing the row
-- discloses nothing. `sha2` is the lower-case hex the statement declared and the LRS checked against the bytes.
CREATE TABLE xapi_attachments (
  sha2 text PRIMARY KEY,
  length integer NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Statement queries at a million learners (issue 19): `agent` also matches statements whose object is that agent
-- (Communication 2.1.3); a partial GIN index over those few statements makes that an index lookup, at no cost to
-- the ordinary statement about an activity. `activity` filters on object_id, which had no index: a rare activity
-- meant scanning the force's statements in stored order.
CREATE INDEX statements_object_agent_idx ON statements USING gin ((statement -> 'object') jsonb_path_ops)
  WHERE (statement -> 'object' ->> 'objectType') IN ('Agent', 'Group');
CREATE INDEX statements_force_object_stored_idx ON statements (force_id, object_id, stored, seq);
