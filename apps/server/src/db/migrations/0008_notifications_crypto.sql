-- Notifications (in-app centre, per-category preferences, an email outbox), published privacy
-- policies with acknowledgements, and per-workspace data keys for column encryption.

-- A workspace's data keys (AES-256), each wrapped (AES-256-GCM) by a master key that never enters
-- the database. master_id names which master key wrapped it, so re-wrapping under a new master key
-- can proceed row by row while servers still holding the old one keep working.
CREATE TABLE data_keys (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  version integer NOT NULL CHECK (version > 0),
  wrapped text NOT NULL,
  master_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rewrapped_at timestamptz,
  PRIMARY KEY (tenant_id, version)
);
SELECT ops_protect_tenant_table('data_keys', 'SELECT, INSERT');
-- Master-key rotation re-wraps every workspace's keys; it sees only wrapped keys.
CREATE POLICY rewrap_system ON data_keys TO opsledger_system USING (true) WITH CHECK (true);
GRANT SELECT, UPDATE (wrapped, master_id, rewrapped_at) ON data_keys TO opsledger_system;
-- The signing-key store may now replace a private key by its encrypted form (same key, new wrapping).
GRANT UPDATE (private_jwk) ON signing_keys TO opsledger_system;

CREATE TABLE notification_preferences (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  category text NOT NULL CHECK (category IN ('security', 'operations', 'announcements')),
  in_app boolean NOT NULL,
  email boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id, category),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
SELECT ops_protect_tenant_table('notification_preferences');

-- The in-app notification centre.
CREATE TABLE notifications (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  category text NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX notifications_by_user ON notifications (tenant_id, user_id, id DESC);
SELECT ops_protect_tenant_table('notifications');

-- The transactional outbox: a mail is a row written in the same transaction as the event it tells
-- about. A sender claims pending rows with a lease (FOR UPDATE SKIP LOCKED), delivers, marks sent.
-- The recipient address is looked up at send time, so a changed or erased address is never used.
CREATE TABLE email_outbox (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  category text NOT NULL,
  kind text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  lease_until timestamptz,
  leased_by text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX email_outbox_pending ON email_outbox (created_at) WHERE status = 'pending';
CREATE INDEX email_outbox_by_tenant ON email_outbox (tenant_id, id DESC);
SELECT ops_protect_tenant_table('email_outbox');
-- The sender finds and leases pending mail across workspaces; reading content happens per workspace.
CREATE POLICY sender_system ON email_outbox TO opsledger_system USING (true) WITH CHECK (true);
GRANT SELECT (tenant_id, id, status, lease_until, created_at, attempts),
      UPDATE (lease_until, leased_by, attempts) ON email_outbox TO opsledger_system;

-- Published privacy policies: every version kept, never changed.
CREATE TABLE privacy_policies (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  version integer NOT NULL CHECK (version > 0),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 200000),
  effective_date date NOT NULL,
  material boolean NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid,
  PRIMARY KEY (tenant_id, version)
);
SELECT ops_protect_tenant_table('privacy_policies', 'SELECT, INSERT');
CREATE TRIGGER privacy_policies_append_only BEFORE UPDATE OR DELETE ON privacy_policies
  FOR EACH ROW EXECUTE FUNCTION ops_refuse_change();

CREATE TABLE privacy_policy_acknowledgements (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  version integer NOT NULL,
  acknowledged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id, version),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, version) REFERENCES privacy_policies (tenant_id, version)
);
SELECT ops_protect_tenant_table('privacy_policy_acknowledgements');
