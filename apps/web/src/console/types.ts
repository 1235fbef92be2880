// Response shapes the console reads, as the server sends them (decimal strings for quantities and
// money, ISO strings for times). Written down here because several routes (stock, valuation,
// production, statistics, imports) declare no response schema in the OpenAPI document.

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
  passwordChangeRequired: boolean;
  sessionId: string;
  workspace: { code: string; name: string };
}

export interface User {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  status: 'active' | 'deactivated';
  roles: string[];
  permissions: string[];
  passwordChangeRequired: boolean;
  mfaEnabled: boolean;
  createdAt: string;
  deactivatedAt: string | null;
  activation?: { code: string; expiresAt: string };
}

export interface Session {
  id: string;
  userId: string;
  current: boolean;
  createdAt: string;
  lastRefreshedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  device: { type: string | null; os: string | null; osVersion: string | null; appVersion: string | null };
  userAgent: string | null;
  ip: string | null;
}

export interface Permission {
  key: string;
  area: string;
  description: string;
}

export interface Role {
  key: string;
  name: string;
  builtin: boolean;
  permissions: string[];
}

export interface Barcode {
  code: string;
  packQty: string;
}

export interface Item {
  id: string;
  sku: string;
  name: string;
  uom: string;
  active: boolean;
  tracking: string;
  costMethod: string;
  standardCost?: string | null;
  barcodes: Barcode[];
  units: { uom: string; factor: string }[];
  createdAt: string;
}

export interface ImportError {
  line: number;
  field: string;
  message: string;
}

export interface Location {
  id: string;
  code: string;
  name: string;
  kind: string;
  virtual: boolean;
  parentId: string | null;
  parent: string | null;
  path: string[];
  active: boolean;
}

export interface StockRow {
  sku: string;
  itemId: string;
  name: string;
  uom: string;
  location: string;
  locationId: string;
  lot: string | null;
  expiry: string | null;
  qty: string;
}

export interface Movement {
  id: string;
  type: string;
  sku: string;
  itemId: string;
  qty: string;
  enteredQty: string | null;
  enteredUom: string | null;
  from: string;
  to: string;
  lot: string | null;
  unitCost?: string | null;
  value?: string;
  reference: string | null;
  reason: string | null;
  reversalOf: string | null;
  reversedBy?: string | null;
  workOrderId: string | null;
  scan: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface Valuation {
  sku: string;
  itemId: string;
  method: string;
  qty: string;
  value: string;
  unitCost: string | null;
}

export interface ValuationList {
  data: Valuation[];
  totalValue: string;
}

export interface Reason {
  code: string;
  name: string;
  active: boolean;
}

export interface Workspace {
  id: string;
  code: string;
  name: string;
  settings: { timeZone: string; requireMfaForAdmins: boolean; allowNegativeStock: boolean };
}

export interface AuditEvent {
  id: string;
  seq: number;
  at: string;
  actor: string | null;
  actorKind: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: unknown;
  requestId: string | null;
  device: unknown;
  ip: string | null;
  chainIndex: number | null;
  hash: string | null;
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  head: { chainIndex: number; hash: string };
  broken?: { chainIndex: number; eventId: string | null; reason: string };
}

export interface WorkCenter {
  id: string;
  code: string;
  name: string;
  location: string | null;
  active: boolean;
}

export interface BomComponent {
  sku: string;
  itemId: string;
  name: string;
  uom: string;
  qty: string;
  scrapAllowance: string;
}

export interface Bom {
  id: string;
  sku: string;
  itemId: string;
  version: number;
  active: boolean;
  outputQty: string;
  components: BomComponent[];
  createdAt: string;
}

export interface RoutingStep {
  seq: number;
  name: string;
  workCenter: string;
  workCenterId: string;
  stdMinutesPerUnit: string | null;
}

export interface Routing {
  id: string;
  sku: string;
  itemId: string;
  version: number;
  active: boolean;
  steps: RoutingStep[];
  createdAt: string;
}

export type WorkOrderStatus = 'draft' | 'released' | 'in_progress' | 'done' | 'cancelled';

export interface WorkOrderStep {
  seq: number;
  name: string;
  workCenter: string;
  status: string;
  goodQty: string;
  scrapQty: string;
  wip: string;
  actualMinutes: string;
  standardMinutes: string | null;
  stdMinutesPerUnit: string | null;
}

export interface WorkOrder {
  id: string;
  number: string;
  sku: string;
  itemId: string;
  itemName: string;
  qty: string;
  status: WorkOrderStatus;
  dueDate: string | null;
  componentsFrom: string;
  outputTo: string;
  bom: { id: string; version: number } | null;
  routing: { id: string; version: number } | null;
  producedQty: string;
  scrappedQty: string;
  wipQty: string;
  steps: WorkOrderStep[];
  components: {
    sku: string;
    name: string;
    uom: string;
    qtyPerUnit: string;
    requiredQty: string;
    consumedQty: string;
  }[];
  createdAt: string;
  releasedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
}

export interface StepEvent {
  id: string;
  step: number;
  action: string;
  goodQty: string | null;
  scrapQty: string | null;
  scrapReason: string | null;
  reason: string | null;
  corrects: string | null;
  correctedBy: string | null;
  workCenter: string | null;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface StatsSummary {
  period: { from: string; to: string; timeZone: string; bucket: 'hour' | 'day' };
  movements: Record<string, { count: number; qty: string; value?: string }>;
  waste: {
    qty: string;
    value?: string;
    rate: string | null;
    byReason: { reason: string; count: number; qty: string; value?: string }[];
  };
  production: {
    steps: {
      workCenter: string;
      step: string;
      completions: number;
      good: string;
      scrap: string;
      yield: string | null;
      firstPassYield: string | null;
    }[];
    output: string;
    throughputPerHour: string;
    wip: { workCenter: string; step: string; qty: string }[];
    downtime: { reason: string; stops: number; minutes: string }[];
    oee: {
      workCenter: string | null;
      availability: string | null;
      performance: string | null;
      quality: string | null;
      oee: string | null;
    }[];
    series: { bucket: string; good: string; scrap: string }[];
  };
  series: { bucket: string; type: string; count: number; qty: string }[];
  operators: { userId: string; name: string; movements: number; completions: number }[];
}
