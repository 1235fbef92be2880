// Kysely's view of the tables. Each module's migration adds its tables; their row types live here
// so one `DB` type describes the whole database.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface WorkspacesTable {
  id: string;
  code: string;
  name: string;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  tenant_id: string;
  id: string;
  email: string;
  name: string;
  phone: string | null;
  password_hash: string | null;
  password_change_required: Generated<boolean>;
  status: Generated<'active' | 'deactivated'>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: number | null;
  recovery_code_hashes: Generated<string[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deactivated_at: Timestamp | null;
}

export interface RolesTable {
  tenant_id: string;
  key: string;
  name: string;
  permissions: string[];
  builtin: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UserRolesTable {
  tenant_id: string;
  user_id: string;
  role_key: string;
}

export interface ActivationCodesTable {
  tenant_id: string;
  code_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  created_at: Generated<Date>;
  last_refreshed_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
  mfa: Generated<boolean>;
  device_type: string | null;
  os: string | null;
  os_version: string | null;
  app_version: string | null;
  user_agent: string | null;
  ip: string | null;
}

export interface RefreshTokensTable {
  tenant_id: string;
  token_hash: string;
  session_id: string;
  created_at: Generated<Date>;
  used_at: Timestamp | null;
}

export interface SigningKeysTable {
  kid: string;
  alg: string;
  public_jwk: Json;
  private_jwk: Json;
  created_at: Generated<Date>;
  retire_at: Timestamp | null;
}

export interface LoginFailuresTable {
  key: string;
  at: Generated<Date>;
}

export interface AuditEventsTable {
  tenant_id: string;
  seq: Generated<number>;
  id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_kind: 'user' | 'system' | 'cli';
  action: string;
  entity: string;
  entity_id: string | null;
  summary: Json;
  request_id: string | null;
  device: Json | null;
  ip: string | null;
  xid: Generated<string>;
  chain_index: number | null;
  hash: string | null;
}

export interface AuditHeadsTable {
  tenant_id: string;
  chain_index: number;
  hash: string;
  sealed_at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  user_id: string | null;
  fingerprint: string;
  response_status: number | null;
  response_body: Json | null;
  created_at: Generated<Date>;
}

type Numeric = ColumnType<string, string | number, string | number>;

export interface ItemsTable {
  tenant_id: string;
  id: string;
  sku: string;
  name: string;
  uom: string;
  active: Generated<boolean>;
  tracking: Generated<'none' | 'lot'>;
  cost_method: Generated<'fifo' | 'average'>;
  standard_cost: Numeric | null;
  /** Minimum stock over the item's internal locations, in its stock unit; null for none. */
  min_stock: Numeric | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ItemBarcodesTable {
  tenant_id: string;
  code: string;
  item_id: string;
  pack_qty: Numeric;
  created_at: Generated<Date>;
}

export interface ItemUnitsTable {
  tenant_id: string;
  item_id: string;
  uom: string;
  factor: Numeric;
}

export interface LocationsTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface LotsTable {
  tenant_id: string;
  id: string;
  item_id: string;
  code: string;
  expiry: ColumnType<Date | null, string | null, string | null>;
  created_at: Generated<Date>;
}

export interface WasteReasonsTable {
  tenant_id: string;
  code: string;
  name: string;
  active: Generated<boolean>;
}

export interface MovementsTable {
  tenant_id: string;
  id: string;
  type: string;
  item_id: string;
  lot_id: string | null;
  qty: Numeric;
  entered_qty: Numeric | null;
  entered_uom: string | null;
  from_location_id: string;
  to_location_id: string;
  unit_cost: Numeric | null;
  value: Numeric;
  reference: string | null;
  reason: string | null;
  reversal_of: string | null;
  work_order_id: string | null;
  source_event_id: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  device: Json | null;
  idempotency_key: string | null;
  scan_text: string | null;
}

export interface StockBalancesTable {
  tenant_id: string;
  item_id: string;
  location_id: string;
  lot_id: string;
  qty: Numeric;
  updated_at: Generated<Date>;
}

export interface ItemCostsTable {
  tenant_id: string;
  item_id: string;
  qty: Generated<string>;
  value: Generated<string>;
  last_unit_cost: Generated<string>;
}

export interface CostLayersTable {
  tenant_id: string;
  id: string;
  item_id: string;
  movement_id: string;
  unit_cost: Numeric;
  qty_in: Numeric;
  qty_remaining: Numeric;
}

export interface MovementLayerTakesTable {
  tenant_id: string;
  movement_id: string;
  layer_id: string;
  qty: Numeric;
  unit_cost: Numeric;
}

export interface CountersTable {
  tenant_id: string;
  name: string;
  value: Generated<number>;
}

export interface WorkCentersTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  location_id: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface BomsTable {
  tenant_id: string;
  id: string;
  item_id: string;
  version: number;
  output_qty: Numeric;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface BomComponentsTable {
  tenant_id: string;
  bom_id: string;
  line: number;
  item_id: string;
  qty: Numeric;
  scrap_allowance: Numeric;
}

export interface RoutingsTable {
  tenant_id: string;
  id: string;
  item_id: string;
  version: number;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface RoutingStepsTable {
  tenant_id: string;
  routing_id: string;
  seq: number;
  name: string;
  work_center_id: string;
  std_minutes_per_unit: Numeric | null;
}

export interface DowntimeReasonsTable {
  tenant_id: string;
  code: string;
  name: string;
  active: Generated<boolean>;
}

export interface WorkOrdersTable {
  tenant_id: string;
  id: string;
  number: string;
  item_id: string;
  qty: Numeric;
  bom_id: string | null;
  routing_id: string;
  components_from_id: string;
  output_to_id: string;
  due_date: ColumnType<string | null, string | null, string | null>;
  status: Generated<'draft' | 'released' | 'in_progress' | 'done' | 'cancelled'>;
  wip_units: Generated<string>;
  wip_value: Generated<string>;
  produced_qty: Generated<string>;
  scrapped_qty: Generated<string>;
  output_value: Generated<string>;
  scrap_value: Generated<string>;
  created_at: Generated<Date>;
  created_by: string | null;
  released_at: Timestamp | null;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  /** Why it was cancelled, as typed (trimmed, 1–200 characters); null when no reason was given. */
  cancel_reason: string | null;
}

export interface WorkOrderComponentsTable {
  tenant_id: string;
  work_order_id: string;
  item_id: string;
  qty_per_unit: Numeric;
  consumed_qty: Generated<string>;
  consumed_value: Generated<string>;
}

export interface WorkOrderStepsTable {
  tenant_id: string;
  work_order_id: string;
  seq: number;
  name: string;
  work_center_id: string;
  std_minutes_per_unit: Numeric | null;
  good_qty: Generated<string>;
  scrap_qty: Generated<string>;
  state: Generated<'idle' | 'running' | 'paused'>;
  running_since: Timestamp | null;
  actual_seconds: Generated<string>;
  first_started_at: Timestamp | null;
  last_completed_at: Timestamp | null;
  paused_since: Timestamp | null;
  pause_reason: string | null;
  rework_pending: Generated<string>;
}

export interface WorkOrderEventsTable {
  tenant_id: string;
  id: string;
  work_order_id: string;
  seq: number;
  action: 'start' | 'pause' | 'resume' | 'complete' | 'correct';
  good_qty: Numeric | null;
  scrap_qty: Numeric | null;
  scrap_reason: string | null;
  downtime_reason: string | null;
  corrects: string | null;
  work_center_id: string;
  note: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  device: Json | null;
  idempotency_key: string | null;
  scan_text: string | null;
  first_pass_good: Numeric | null;
}

export interface WorkCenterShiftsTable {
  tenant_id: string;
  work_center_id: string;
  weekday: number;
  starts: string;
  ends: string;
}

export interface DB {
  work_center_shifts: WorkCenterShiftsTable;
  counters: CountersTable;
  work_centers: WorkCentersTable;
  boms: BomsTable;
  bom_components: BomComponentsTable;
  routings: RoutingsTable;
  routing_steps: RoutingStepsTable;
  downtime_reasons: DowntimeReasonsTable;
  work_orders: WorkOrdersTable;
  work_order_components: WorkOrderComponentsTable;
  work_order_steps: WorkOrderStepsTable;
  work_order_events: WorkOrderEventsTable;
  items: ItemsTable;
  item_barcodes: ItemBarcodesTable;
  item_units: ItemUnitsTable;
  locations: LocationsTable;
  lots: LotsTable;
  waste_reasons: WasteReasonsTable;
  movements: MovementsTable;
  stock_balances: StockBalancesTable;
  item_costs: ItemCostsTable;
  cost_layers: CostLayersTable;
  movement_layer_takes: MovementLayerTakesTable;
  workspaces: WorkspacesTable;
  users: UsersTable;
  roles: RolesTable;
  user_roles: UserRolesTable;
  activation_codes: ActivationCodesTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  signing_keys: SigningKeysTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  idempotency_keys: IdempotencyKeysTable;
}
