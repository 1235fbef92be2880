-- Privacy and data rights: export jobs, correction requests, legal holds, erasure records,
-- retention policies with a per-workspace run lease; erasure may blank device details on ledger rows.

-- When a person was erased (their row stays, anonymised, so ledger rows keep a valid owner id).
ALTER TABLE users ADD COLUMN erased_at timestamptz;

-- A copy of everything held about a person. The ZIP is built by a job after the request commits
-- and kept only until it is downloaded once or expires; `status` pending rows are picked up again
-- by any server process after a restart.
CREATE TABLE export_jobs (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  subject_user_id uuid NOT NULL,
  requested_by uuid NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed', 'downloaded', 'expired')),
  file bytea,
  file_bytes integer,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  ready_at timestamptz,
  expires_at timestamptz,
  downloaded_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, subject_user_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX export_jobs_pending ON export_jobs (tenant_id, created_at) WHERE status = 'pending';
CREATE INDEX export_jobs_by_subject ON export_jobs (tenant_id, subject_user_id);
SELECT ops_protect_tenant_table('export_jobs');
-- The job runner finds workspaces with pending exports without seeing any export's content.
CREATE POLICY pending_directory ON export_jobs FOR SELECT TO opsledger_system USING (status = 'pending');
GRANT SELECT (tenant_id, id, status) ON export_jobs TO opsledger_system;

-- Fields a person cannot change themselves go to an admin as a request.
CREATE TABLE correction_requests (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  field text NOT NULL,
  value text,
  note text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by uuid,
  decided_at timestamptz,
  decision_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, decided_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX correction_requests_by_user ON correction_requests (tenant_id, user_id, created_at DESC);
CREATE INDEX correction_requests_pending ON correction_requests (tenant_id, created_at) WHERE status = 'pending';
SELECT ops_protect_tenant_table('correction_requests');

-- Legal holds, kept after they are lifted (who set and lifted each one, and why). At most one
-- active hold per person.
CREATE TABLE legal_holds (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  reason text NOT NULL,
  set_by uuid NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  lifted_by uuid,
  lifted_at timestamptz,
  lift_reason text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, set_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, lifted_by) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX legal_holds_one_active ON legal_holds (tenant_id, user_id) WHERE lifted_at IS NULL;
SELECT ops_protect_tenant_table('legal_holds');

-- One row per erasure: the reason lives here rather than in the hashed audit summary, because free
-- text an admin types may name the person and the audit chain can never forget it.
CREATE TABLE erasures (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  user_id uuid NOT NULL,
  reason text NOT NULL,
  erased_by uuid,
  via text NOT NULL CHECK (via IN ('request', 'retention')),
  erased_at timestamptz NOT NULL DEFAULT now(),
  removed jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, user_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
SELECT ops_protect_tenant_table('erasures', 'SELECT, INSERT');

-- Retention days per workspace and category; a category without a row uses its default.
CREATE TABLE retention_policies (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  category text NOT NULL,
  days integer NOT NULL CHECK (days BETWEEN 1 AND 36500),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, category)
);
SELECT ops_protect_tenant_table('retention_policies');

-- The retention job's lease and schedule, one row per workspace: a process runs a workspace's
-- retention only while it holds an unexpired lease, so exactly one process does it at a time.
CREATE TABLE retention_schedule (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  lease_holder text,
  lease_expires_at timestamptz,
  last_run_at timestamptz,
  last_report jsonb,
  PRIMARY KEY (tenant_id)
);
SELECT ops_protect_tenant_table('retention_schedule');

-- Ledger rows are append-only, but the device a person used is personal data: erasure may blank
-- `device` (and only that, and only to NULL). Everything that stock, valuation and statistics read
-- stays untouchable.
CREATE FUNCTION ledger_device_erasure_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.device IS NULL
     AND (to_jsonb(NEW) - 'device') = (to_jsonb(OLD) - 'device') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER movements_append_only ON movements;
CREATE TRIGGER movements_append_only BEFORE UPDATE OR DELETE ON movements
  FOR EACH ROW EXECUTE FUNCTION ledger_device_erasure_guard();
GRANT UPDATE (device) ON movements TO opsledger_app;
DROP TRIGGER work_order_events_append_only ON work_order_events;
CREATE TRIGGER work_order_events_append_only BEFORE UPDATE OR DELETE ON work_order_events
  FOR EACH ROW EXECUTE FUNCTION ledger_device_erasure_guard();
GRANT UPDATE (device) ON work_order_events TO opsledger_app;
