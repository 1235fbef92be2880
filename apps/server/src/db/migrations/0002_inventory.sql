-- Inventory: items with barcodes and alternate units, locations (internal and virtual), lots,
-- waste reasons, the append-only movement ledger, balances per item × location × lot, and the
-- item-level cost state (moving average totals and FIFO layers).

CREATE TABLE items (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  sku text NOT NULL CHECK (length(sku) BETWEEN 1 AND 64),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  uom text NOT NULL CHECK (length(uom) BETWEEN 1 AND 20),
  active boolean NOT NULL DEFAULT true,
  tracking text NOT NULL DEFAULT 'none' CHECK (tracking IN ('none', 'lot')),
  cost_method text NOT NULL DEFAULT 'fifo' CHECK (cost_method IN ('fifo', 'average')),
  standard_cost numeric(20, 6) CHECK (standard_cost >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, sku)
);
CREATE INDEX items_by_name ON items (tenant_id, lower(name) text_pattern_ops);
CREATE INDEX items_by_sku_lower ON items (tenant_id, lower(sku) text_pattern_ops);
SELECT ops_protect_tenant_table('items');

-- Any code that names an item: EAN/UPC/GTIN, Code 128, QR text. pack_qty: how many stock units one
-- scan of this code stands for (a case of 12).
CREATE TABLE item_barcodes (
  tenant_id uuid NOT NULL,
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 200),
  item_id uuid NOT NULL,
  pack_qty numeric(20, 6) NOT NULL DEFAULT 1 CHECK (pack_qty > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, code),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id)
);
CREATE INDEX item_barcodes_by_item ON item_barcodes (tenant_id, item_id);
SELECT ops_protect_tenant_table('item_barcodes');

-- One `uom` of this item is `factor` stock units (a bag = 25 kg, a box = 12 pcs).
CREATE TABLE item_units (
  tenant_id uuid NOT NULL,
  item_id uuid NOT NULL,
  uom text NOT NULL CHECK (length(uom) BETWEEN 1 AND 20),
  factor numeric(20, 6) NOT NULL CHECK (factor > 0),
  PRIMARY KEY (tenant_id, item_id, uom),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id)
);
SELECT ops_protect_tenant_table('item_units');

CREATE TABLE locations (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('store', 'floor', 'supplier', 'customer', 'production', 'scrap', 'adjustment')),
  parent_id uuid,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES locations (tenant_id, id)
);
SELECT ops_protect_tenant_table('locations');

CREATE TABLE lots (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  item_id uuid NOT NULL,
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
  expiry date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, item_id, code),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id)
);
CREATE INDEX lots_by_code ON lots (tenant_id, code);
SELECT ops_protect_tenant_table('lots');

CREATE TABLE waste_reasons (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (tenant_id, code)
);
SELECT ops_protect_tenant_table('waste_reasons');

-- The ledger. Quantities are in the item's stock unit and always >= 0; direction is from → to.
CREATE TABLE movements (
  tenant_id uuid NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('receive', 'move', 'waste', 'adjust', 'consume', 'output')),
  item_id uuid NOT NULL,
  lot_id uuid,
  qty numeric(20, 6) NOT NULL CHECK (qty >= 0),
  entered_qty numeric(20, 6),
  entered_uom text,
  from_location_id uuid NOT NULL,
  to_location_id uuid NOT NULL,
  unit_cost numeric(20, 6),
  value numeric(20, 4) NOT NULL DEFAULT 0,
  reference text,
  reason text,
  reversal_of uuid,
  work_order_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  device jsonb,
  idempotency_key text,
  scan_text text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id),
  FOREIGN KEY (tenant_id, lot_id) REFERENCES lots (tenant_id, id),
  FOREIGN KEY (tenant_id, from_location_id) REFERENCES locations (tenant_id, id),
  FOREIGN KEY (tenant_id, to_location_id) REFERENCES locations (tenant_id, id),
  FOREIGN KEY (tenant_id, reversal_of) REFERENCES movements (tenant_id, id),
  CHECK (from_location_id <> to_location_id)
);
-- A movement is reversed at most once, enforced by the database.
CREATE UNIQUE INDEX movements_reversed_once ON movements (tenant_id, reversal_of) WHERE reversal_of IS NOT NULL;
CREATE INDEX movements_by_item ON movements (tenant_id, item_id, id DESC);
CREATE INDEX movements_by_from ON movements (tenant_id, from_location_id, id DESC);
CREATE INDEX movements_by_to ON movements (tenant_id, to_location_id, id DESC);
CREATE INDEX movements_by_type ON movements (tenant_id, type, id DESC);
CREATE INDEX movements_by_user ON movements (tenant_id, created_by, id DESC);
CREATE INDEX movements_by_lot ON movements (tenant_id, lot_id, id DESC) WHERE lot_id IS NOT NULL;
CREATE INDEX movements_by_time ON movements (tenant_id, created_at DESC);
SELECT ops_protect_tenant_table('movements', 'SELECT, INSERT');
CREATE TRIGGER movements_append_only BEFORE UPDATE OR DELETE ON movements
  FOR EACH ROW EXECUTE FUNCTION ops_refuse_change();
CREATE TRIGGER movements_no_truncate BEFORE TRUNCATE ON movements
  FOR EACH STATEMENT EXECUTE FUNCTION ops_refuse_change();

-- Stock on hand per item × location × lot; lot_id is the nil UUID for items without lots (so the
-- key has no NULLs). Kept in the same transaction as the movements that change it.
CREATE TABLE stock_balances (
  tenant_id uuid NOT NULL,
  item_id uuid NOT NULL,
  location_id uuid NOT NULL,
  lot_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
  qty numeric(20, 6) NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, item_id, location_id, lot_id),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id)
);
CREATE INDEX stock_balances_by_location ON stock_balances (tenant_id, location_id) WHERE qty <> 0;
SELECT ops_protect_tenant_table('stock_balances');

-- Item-level cost state across all internal locations: quantity and value on hand (the moving
-- average is value / qty) and the last unit cost seen. Its row lock serialises cost-changing
-- postings of one item.
CREATE TABLE item_costs (
  tenant_id uuid NOT NULL,
  item_id uuid NOT NULL,
  qty numeric(20, 6) NOT NULL DEFAULT 0,
  value numeric(20, 4) NOT NULL DEFAULT 0,
  last_unit_cost numeric(20, 6) NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, item_id),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id)
);
SELECT ops_protect_tenant_table('item_costs');

-- FIFO layers: one per inbound movement at a cost; issues consume the oldest first.
CREATE TABLE cost_layers (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  item_id uuid NOT NULL,
  movement_id uuid NOT NULL,
  unit_cost numeric(20, 6) NOT NULL,
  qty_in numeric(20, 6) NOT NULL,
  qty_remaining numeric(20, 6) NOT NULL CHECK (qty_remaining >= 0 AND qty_remaining <= qty_in),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, id),
  FOREIGN KEY (tenant_id, movement_id) REFERENCES movements (tenant_id, id)
);
CREATE INDEX cost_layers_open ON cost_layers (tenant_id, item_id, id) WHERE qty_remaining > 0;
CREATE INDEX cost_layers_by_movement ON cost_layers (tenant_id, movement_id);
SELECT ops_protect_tenant_table('cost_layers');

-- What each outbound movement took from which FIFO layer, so a reversal can put back exactly that.
CREATE TABLE movement_layer_takes (
  tenant_id uuid NOT NULL,
  movement_id uuid NOT NULL,
  layer_id uuid NOT NULL,
  qty numeric(20, 6) NOT NULL,
  unit_cost numeric(20, 6) NOT NULL,
  PRIMARY KEY (tenant_id, movement_id, layer_id),
  FOREIGN KEY (tenant_id, movement_id) REFERENCES movements (tenant_id, id),
  FOREIGN KEY (tenant_id, layer_id) REFERENCES cost_layers (tenant_id, id)
);
SELECT ops_protect_tenant_table('movement_layer_takes', 'SELECT, INSERT');
