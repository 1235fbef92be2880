-- Production: work centers, versioned bills of materials and routings, work orders with their
-- released snapshots, the step-by-step scanning record, and per-workspace counters.

CREATE TABLE counters (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  name text NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, name)
);
SELECT ops_protect_tenant_table('counters', 'SELECT, INSERT, UPDATE');

CREATE TABLE work_centers (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  location_id uuid,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id)
);
SELECT ops_protect_tenant_table('work_centers');

CREATE TABLE boms (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  item_id uuid NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  output_qty numeric(20, 6) NOT NULL CHECK (output_qty > 0),
  active boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, item_id, version),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id)
);
CREATE UNIQUE INDEX boms_one_active ON boms (tenant_id, item_id) WHERE active;
SELECT ops_protect_tenant_table('boms', 'SELECT, INSERT, UPDATE');

CREATE TABLE bom_components (
  tenant_id uuid NOT NULL,
  bom_id uuid NOT NULL,
  line integer NOT NULL,
  item_id uuid NOT NULL,
  qty numeric(20, 6) NOT NULL CHECK (qty > 0),
  scrap_allowance numeric(9, 4) NOT NULL DEFAULT 0 CHECK (scrap_allowance >= 0 AND scrap_allowance < 1000),
  PRIMARY KEY (tenant_id, bom_id, line),
  FOREIGN KEY (tenant_id, bom_id) REFERENCES boms (tenant_id, id),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id)
);
SELECT ops_protect_tenant_table('bom_components', 'SELECT, INSERT');

CREATE TABLE routings (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  item_id uuid NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  active boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, item_id, version),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id)
);
CREATE UNIQUE INDEX routings_one_active ON routings (tenant_id, item_id) WHERE active;
SELECT ops_protect_tenant_table('routings', 'SELECT, INSERT, UPDATE');

CREATE TABLE routing_steps (
  tenant_id uuid NOT NULL,
  routing_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  work_center_id uuid NOT NULL,
  std_minutes_per_unit numeric(20, 6) CHECK (std_minutes_per_unit >= 0),
  PRIMARY KEY (tenant_id, routing_id, seq),
  FOREIGN KEY (tenant_id, routing_id) REFERENCES routings (tenant_id, id),
  FOREIGN KEY (tenant_id, work_center_id) REFERENCES work_centers (tenant_id, id)
);
SELECT ops_protect_tenant_table('routing_steps', 'SELECT, INSERT');

CREATE TABLE downtime_reasons (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (tenant_id, code)
);
SELECT ops_protect_tenant_table('downtime_reasons');

-- wip_units/wip_value: units that entered the first step and have not yet left as output or scrap,
-- and the component cost they carry; units leave at the pool's average, the last ones take the rest.
CREATE TABLE work_orders (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  number text NOT NULL,
  item_id uuid NOT NULL,
  qty numeric(20, 6) NOT NULL CHECK (qty > 0),
  bom_id uuid,
  routing_id uuid NOT NULL,
  components_from_id uuid NOT NULL,
  output_to_id uuid NOT NULL,
  due_date date,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'released', 'in_progress', 'done', 'cancelled')),
  wip_units numeric(20, 6) NOT NULL DEFAULT 0,
  wip_value numeric(20, 4) NOT NULL DEFAULT 0,
  produced_qty numeric(20, 6) NOT NULL DEFAULT 0,
  scrapped_qty numeric(20, 6) NOT NULL DEFAULT 0,
  output_value numeric(20, 4) NOT NULL DEFAULT 0,
  scrap_value numeric(20, 4) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  released_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  cancelled_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id),
  FOREIGN KEY (tenant_id, bom_id) REFERENCES boms (tenant_id, id),
  FOREIGN KEY (tenant_id, routing_id) REFERENCES routings (tenant_id, id),
  FOREIGN KEY (tenant_id, components_from_id) REFERENCES locations (tenant_id, id),
  FOREIGN KEY (tenant_id, output_to_id) REFERENCES locations (tenant_id, id)
);
CREATE INDEX work_orders_by_status ON work_orders (tenant_id, status, due_date);
CREATE INDEX work_orders_by_item ON work_orders (tenant_id, item_id);
SELECT ops_protect_tenant_table('work_orders', 'SELECT, INSERT, UPDATE');

-- The released snapshot of the BOM, per component item, with what has been consumed so far.
CREATE TABLE work_order_components (
  tenant_id uuid NOT NULL,
  work_order_id uuid NOT NULL,
  item_id uuid NOT NULL,
  qty_per_unit numeric(20, 9) NOT NULL,
  consumed_qty numeric(20, 6) NOT NULL DEFAULT 0,
  consumed_value numeric(20, 4) NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, work_order_id, item_id),
  FOREIGN KEY (tenant_id, work_order_id) REFERENCES work_orders (tenant_id, id),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id)
);
SELECT ops_protect_tenant_table('work_order_components', 'SELECT, INSERT, UPDATE');

-- The released snapshot of the routing, with each step's running totals and time.
CREATE TABLE work_order_steps (
  tenant_id uuid NOT NULL,
  work_order_id uuid NOT NULL,
  seq integer NOT NULL,
  name text NOT NULL,
  work_center_id uuid NOT NULL,
  std_minutes_per_unit numeric(20, 6),
  good_qty numeric(20, 6) NOT NULL DEFAULT 0,
  scrap_qty numeric(20, 6) NOT NULL DEFAULT 0,
  state text NOT NULL DEFAULT 'idle' CHECK (state IN ('idle', 'running', 'paused')),
  running_since timestamptz,
  actual_seconds numeric(20, 3) NOT NULL DEFAULT 0,
  first_started_at timestamptz,
  last_completed_at timestamptz,
  PRIMARY KEY (tenant_id, work_order_id, seq),
  FOREIGN KEY (tenant_id, work_order_id) REFERENCES work_orders (tenant_id, id),
  FOREIGN KEY (tenant_id, work_center_id) REFERENCES work_centers (tenant_id, id)
);
CREATE INDEX work_order_steps_by_center ON work_order_steps (tenant_id, work_center_id);
SELECT ops_protect_tenant_table('work_order_steps', 'SELECT, INSERT, UPDATE');

-- Every scan at a step, kept as it happened; a mistake is undone by a `correct` event.
CREATE TABLE work_order_events (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  work_order_id uuid NOT NULL,
  seq integer NOT NULL,
  action text NOT NULL CHECK (action IN ('start', 'pause', 'resume', 'complete', 'correct')),
  good_qty numeric(20, 6),
  scrap_qty numeric(20, 6),
  scrap_reason text,
  downtime_reason text,
  corrects uuid,
  work_center_id uuid NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  device jsonb,
  idempotency_key text,
  scan_text text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, work_order_id, seq) REFERENCES work_order_steps (tenant_id, work_order_id, seq),
  FOREIGN KEY (tenant_id, corrects) REFERENCES work_order_events (tenant_id, id),
  FOREIGN KEY (tenant_id, work_center_id) REFERENCES work_centers (tenant_id, id)
);
CREATE UNIQUE INDEX work_order_events_corrected_once ON work_order_events (tenant_id, corrects) WHERE corrects IS NOT NULL;
CREATE INDEX work_order_events_by_order ON work_order_events (tenant_id, work_order_id, created_at);
CREATE INDEX work_order_events_by_center ON work_order_events (tenant_id, work_center_id, created_at);
SELECT ops_protect_tenant_table('work_order_events', 'SELECT, INSERT');
CREATE TRIGGER work_order_events_append_only BEFORE UPDATE OR DELETE ON work_order_events
  FOR EACH ROW EXECUTE FUNCTION ops_refuse_change();

ALTER TABLE movements ADD COLUMN source_event_id uuid;
ALTER TABLE movements ADD FOREIGN KEY (tenant_id, work_order_id) REFERENCES work_orders (tenant_id, id);
ALTER TABLE movements ADD FOREIGN KEY (tenant_id, source_event_id) REFERENCES work_order_events (tenant_id, id);
CREATE INDEX movements_by_event ON movements (tenant_id, source_event_id) WHERE source_event_id IS NOT NULL;
CREATE INDEX movements_by_work_order ON movements (tenant_id, work_order_id) WHERE work_order_id IS NOT NULL;
