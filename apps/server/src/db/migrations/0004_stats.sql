-- Live statistics. Rollups are written in the same transaction as the movement or step event they
-- count, so they always agree with the ledger. Each posting adds to one of 8 shard rows picked at
-- random, so concurrent postings of the same kind in the same hour do not queue on one row.
-- Buckets are local hours and days in the workspace's time zone (as the instant they start).

CREATE TABLE stats_mv_day (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  day date NOT NULL,
  type text NOT NULL,
  reason text NOT NULL DEFAULT '',
  shard smallint NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  qty numeric NOT NULL DEFAULT 0,
  value numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, type, reason, shard)
);
SELECT ops_protect_tenant_table('stats_mv_day');

CREATE TABLE stats_mv_hour (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  hour timestamptz NOT NULL,
  type text NOT NULL,
  reason text NOT NULL DEFAULT '',
  shard smallint NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  qty numeric NOT NULL DEFAULT 0,
  value numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, hour, type, reason, shard)
);
SELECT ops_protect_tenant_table('stats_mv_hour');

-- The same per item, per internal location (either side of the movement) and per operator.
CREATE TABLE stats_mv_hour_dim (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  dim text NOT NULL CHECK (dim IN ('item', 'location', 'user')),
  dim_id uuid NOT NULL,
  hour timestamptz NOT NULL,
  type text NOT NULL,
  reason text NOT NULL DEFAULT '',
  shard smallint NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  qty numeric NOT NULL DEFAULT 0,
  value numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, dim, dim_id, hour, type, reason, shard)
);
-- For reading one kind of dimension (all operators) over a span of hours.
CREATE INDEX stats_mv_hour_dim_by_hour ON stats_mv_hour_dim (tenant_id, dim, hour);
SELECT ops_protect_tenant_table('stats_mv_hour_dim');

-- The same per local day, so long periods read a row per day instead of one per hour.
CREATE TABLE stats_mv_day_dim (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  dim text NOT NULL CHECK (dim IN ('item', 'location', 'user')),
  dim_id uuid NOT NULL,
  day date NOT NULL,
  type text NOT NULL,
  reason text NOT NULL DEFAULT '',
  shard smallint NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  qty numeric NOT NULL DEFAULT 0,
  value numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, dim, dim_id, day, type, reason, shard)
);
SELECT ops_protect_tenant_table('stats_mv_day_dim');

-- Per operator and local day: movements posted and step completions, for the busiest operators.
CREATE TABLE stats_user_day (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  day date NOT NULL,
  user_id uuid NOT NULL,
  shard smallint NOT NULL,
  movements bigint NOT NULL DEFAULT 0,
  completions bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, user_id, shard)
);
SELECT ops_protect_tenant_table('stats_user_day');

-- Production per local hour, work center and step: completions, good, scrap, standard minutes
-- earned, and downtime by reason (seconds, booked when the step resumes or completes).
CREATE TABLE stats_prod_hour (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  hour timestamptz NOT NULL,
  work_center_id uuid NOT NULL,
  step_name text NOT NULL,
  last_step boolean NOT NULL,
  user_id uuid NOT NULL,
  shard smallint NOT NULL,
  completions bigint NOT NULL DEFAULT 0,
  good numeric NOT NULL DEFAULT 0,
  scrap numeric NOT NULL DEFAULT 0,
  first_pass_good numeric NOT NULL DEFAULT 0,
  std_minutes numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, hour, work_center_id, step_name, last_step, user_id, shard)
);
SELECT ops_protect_tenant_table('stats_prod_hour');

CREATE TABLE stats_downtime_hour (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  hour timestamptz NOT NULL,
  work_center_id uuid NOT NULL,
  reason text NOT NULL,
  shard smallint NOT NULL,
  stops bigint NOT NULL DEFAULT 0,
  seconds numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, hour, work_center_id, reason, shard)
);
SELECT ops_protect_tenant_table('stats_downtime_hour');

-- Planned production time per work center for OEE availability: weekly shifts in local time.
CREATE TABLE work_center_shifts (
  tenant_id uuid NOT NULL,
  work_center_id uuid NOT NULL,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  starts time NOT NULL,
  ends time NOT NULL,
  PRIMARY KEY (tenant_id, work_center_id, weekday, starts),
  FOREIGN KEY (tenant_id, work_center_id) REFERENCES work_centers (tenant_id, id)
);
SELECT ops_protect_tenant_table('work_center_shifts');

ALTER TABLE work_order_steps ADD COLUMN paused_since timestamptz;
ALTER TABLE work_order_steps ADD COLUMN pause_reason text;

-- The change feed for live updates: which workspaces have new movements or step events since a
-- watermark. xid orders commits safely (see the audit sealer); the relay sees ids, nothing else.
ALTER TABLE movements ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX movements_by_xid ON movements (xid);
CREATE POLICY change_feed ON movements FOR SELECT TO opsledger_system USING (true);
GRANT SELECT (tenant_id, xid) ON movements TO opsledger_system;
ALTER TABLE work_order_events ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX work_order_events_by_xid ON work_order_events (xid);
CREATE POLICY change_feed ON work_order_events FOR SELECT TO opsledger_system USING (true);
GRANT SELECT (tenant_id, xid) ON work_order_events TO opsledger_system;
-- Units whose completion was corrected and must be done again: the next completions of that many
-- units at the step are not first-pass good.
ALTER TABLE work_order_steps ADD COLUMN rework_pending numeric(20, 6) NOT NULL DEFAULT 0;
ALTER TABLE work_order_events ADD COLUMN first_pass_good numeric(20, 6);
