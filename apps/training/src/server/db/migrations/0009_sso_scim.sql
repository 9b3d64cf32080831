-- Single sign-on with a force's OpenID Provider and SCIM 2.0 provisioning (issue 15).

-- One OpenID Provider per force. The client secret is write-only through the API and never logged; the
-- claim names and group mappings say how the provider's ID token becomes an account here.
CREATE TABLE sso_providers (
  force_id text PRIMARY KEY REFERENCES forces(id),
  label text NOT NULL,
  issuer text NOT NULL,
  client_id text NOT NULL,
  client_secret text NOT NULL,
  collar_number_claim text NOT NULL,
  groups_claim text NOT NULL DEFAULT 'groups',
  group_mappings jsonb NOT NULL DEFAULT '[]'::jsonb,
  just_in_time boolean NOT NULL DEFAULT false,
  local_passwords boolean NOT NULL DEFAULT true,
  default_job_role text NOT NULL DEFAULT 'staff',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A sign-in in progress: PKCE verifier and nonce kept server-side, found by the hash of the state and bound to
-- the browser that started it by the hash of a cookie. Deleted when used (single use) or swept when expired.
CREATE TABLE sso_flows (
  state_hash text PRIMARY KEY,
  force_id text NOT NULL REFERENCES forces(id),
  browser_hash text NOT NULL,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  return_to text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sso_flows_expires_idx ON sso_flows (expires_at);

-- The bearer token a force's provisioning service (Entra ID) sends; only its SHA-256 is stored.
CREATE TABLE scim_tokens (
  force_id text PRIMARY KEY REFERENCES forces(id),
  token_hash text NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX scim_tokens_hash_key ON scim_tokens (token_hash);

-- Who a person is at the force's provider (issuer + subject), and the id its directory gives them (SCIM externalId).
ALTER TABLE users ADD COLUMN oidc_issuer text;
ALTER TABLE users ADD COLUMN oidc_subject text;
ALTER TABLE users ADD COLUMN external_id text;
CREATE UNIQUE INDEX users_oidc_subject_key ON users (oidc_issuer, oidc_subject);
CREATE UNIQUE INDEX users_force_external_id_key ON users (force_id, external_id);
