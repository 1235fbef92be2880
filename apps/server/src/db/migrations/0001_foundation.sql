-- Foundation: roles that run tenant work, the tenant-table rules, workspaces, accounts, sessions,
-- signing keys, login throttle, audit trail and idempotency keys.

-- The server connects as the schema owner but runs every request as opsledger_app, which neither
-- owns the tables nor bypasses row-level security; opsledger_system is the narrow role for the few
-- cross-workspace lookups (resolving a workspace code, the login throttle, signing keys).
DO $$
BEGIN
  CREATE ROLE opsledger_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$
BEGIN
  CREATE ROLE opsledger_system NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$
BEGIN
  EXECUTE format('GRANT opsledger_app, opsledger_system TO %I', current_user);
EXCEPTION WHEN duplicate_object OR unique_violation OR invalid_grant_operation THEN NULL;
END $$;
GRANT USAGE ON SCHEMA public TO opsledger_app, opsledger_system;

CREATE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- Every tenant table gets the same protection: RLS enabled and forced, one policy that confines
-- opsledger_app to the workspace set for the transaction, and the DML grants it needs.
CREATE FUNCTION ops_protect_tenant_table(tbl regclass, privileges text DEFAULT 'SELECT, INSERT, UPDATE, DELETE')
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s TO opsledger_app
                    USING (tenant_id = app_current_tenant())
                    WITH CHECK (tenant_id = app_current_tenant())', tbl);
  EXECUTE format('GRANT %s ON %s TO opsledger_app', privileges, tbl);
END $$;

-- Refuses any change to an append-only table; used by the audit trail and the stock ledger.
CREATE FUNCTION ops_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TABLE workspaces (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
ALTER TABLE workspaces FORCE ROW LEVEL SECURITY;
CREATE POLICY own_workspace ON workspaces TO opsledger_app
  USING (id = app_current_tenant()) WITH CHECK (id = app_current_tenant());
CREATE POLICY directory ON workspaces TO opsledger_system USING (true) WITH CHECK (true);
GRANT SELECT, UPDATE (name, settings) ON workspaces TO opsledger_app;
GRANT SELECT, INSERT ON workspaces TO opsledger_system;

CREATE TABLE users (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
  name text NOT NULL,
  phone text,
  password_hash text,
  password_change_required boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
  totp_secret text,
  totp_pending_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  recovery_code_hashes text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deactivated_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, email)
);
SELECT ops_protect_tenant_table('users');

CREATE TABLE roles (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_-]{1,39}$'),
  name text NOT NULL,
  permissions text[] NOT NULL DEFAULT '{}',
  builtin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);
SELECT ops_protect_tenant_table('roles');

CREATE TABLE user_roles (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  role_key text NOT NULL,
  PRIMARY KEY (tenant_id, user_id, role_key),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, role_key) REFERENCES roles (tenant_id, key) ON DELETE CASCADE
);
CREATE INDEX user_roles_by_role ON user_roles (tenant_id, role_key);
SELECT ops_protect_tenant_table('user_roles');

CREATE TABLE activation_codes (
  tenant_id uuid NOT NULL,
  code_hash text NOT NULL,
  user_id uuid NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, code_hash),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX activation_codes_by_user ON activation_codes (tenant_id, user_id);
SELECT ops_protect_tenant_table('activation_codes');

CREATE TABLE sessions (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_refreshed_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text,
  mfa boolean NOT NULL DEFAULT false,
  device_type text,
  os text,
  os_version text,
  app_version text,
  user_agent text,
  ip text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX sessions_by_user ON sessions (tenant_id, user_id, created_at DESC);
SELECT ops_protect_tenant_table('sessions');

CREATE TABLE refresh_tokens (
  tenant_id uuid NOT NULL,
  token_hash text NOT NULL,
  session_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  PRIMARY KEY (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id)
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (tenant_id, session_id);
SELECT ops_protect_tenant_table('refresh_tokens');

-- Signing keys are deployment-wide (one issuer), so this table has no tenant. Retired keys stay,
-- public half only in use, to verify old audit checkpoints.
CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  alg text NOT NULL,
  public_jwk jsonb NOT NULL,
  private_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retire_at timestamptz
);
ALTER TABLE signing_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE signing_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY keys_system ON signing_keys TO opsledger_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE (retire_at) ON signing_keys TO opsledger_system;

-- Failed sign-ins, keyed by a hash of workspace+email or of the client address; shared by every
-- server process so the throttle holds behind a load balancer.
CREATE TABLE login_failures (
  key text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);
ALTER TABLE login_failures ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_failures FORCE ROW LEVEL SECURITY;
CREATE POLICY throttle_system ON login_failures TO opsledger_system USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE ON login_failures TO opsledger_system;

-- The audit trail. Writers only insert (no shared row is touched, so posting never queues behind
-- a chain head); the sealer later hashes events in commit-safe order (xid below the snapshot's
-- xmin), filling chain_index and hash exactly once.
CREATE SEQUENCE audit_seq;
GRANT USAGE ON SEQUENCE audit_seq TO opsledger_app;
CREATE TABLE audit_events (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  seq bigint NOT NULL DEFAULT nextval('audit_seq'),
  id uuid NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'system', 'cli')),
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  summary jsonb NOT NULL DEFAULT '{}',
  request_id text,
  -- Personal data (device, address) sits outside the hashed fields, so erasing it keeps the chain.
  device jsonb,
  ip text,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  chain_index bigint,
  hash text,
  PRIMARY KEY (tenant_id, seq),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, chain_index)
);
CREATE INDEX audit_events_unsealed ON audit_events (tenant_id, xid, seq) WHERE hash IS NULL;
CREATE INDEX audit_events_by_entity ON audit_events (tenant_id, entity, entity_id);
CREATE INDEX audit_events_by_actor ON audit_events (tenant_id, actor_id);
SELECT ops_protect_tenant_table('audit_events', 'SELECT, INSERT, UPDATE (chain_index, hash, device, ip)');
-- The sealer finds which workspaces have work without seeing any event's content.
CREATE POLICY unsealed_directory ON audit_events FOR SELECT TO opsledger_system USING (hash IS NULL);
GRANT SELECT (tenant_id, hash) ON audit_events TO opsledger_system;

CREATE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_events is append-only: DELETE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- Sealing fills chain_index and hash once; erasure may blank device and ip. Nothing else moves.
  IF (OLD.hash IS NOT NULL AND (NEW.hash IS DISTINCT FROM OLD.hash OR NEW.chain_index IS DISTINCT FROM OLD.chain_index))
     OR ROW(NEW.tenant_id, NEW.seq, NEW.id, NEW.at, NEW.actor_id, NEW.actor_kind, NEW.action, NEW.entity,
            NEW.entity_id, NEW.summary, NEW.request_id, NEW.xid)
        IS DISTINCT FROM
        ROW(OLD.tenant_id, OLD.seq, OLD.id, OLD.at, OLD.actor_id, OLD.actor_kind, OLD.action, OLD.entity,
            OLD.entity_id, OLD.summary, OLD.request_id, OLD.xid) THEN
    RAISE EXCEPTION 'audit_events is append-only: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_guard();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION ops_refuse_change();

CREATE TABLE audit_heads (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  chain_index bigint NOT NULL,
  hash text NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);
SELECT ops_protect_tenant_table('audit_heads', 'SELECT, INSERT, UPDATE');

CREATE TABLE idempotency_keys (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  key text NOT NULL,
  user_id uuid,
  fingerprint text NOT NULL,
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (tenant_id, created_at);
SELECT ops_protect_tenant_table('idempotency_keys', 'SELECT, INSERT, UPDATE, DELETE');
