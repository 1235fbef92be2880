// Response shapes the console reads, as the server sends them (decimal strings for quantities and
// money, ISO strings for times). Where the OpenAPI document types a response, the type is taken from
// the generated schema (so a server change breaks the build); the rest are written down here because
// those routes (stock, valuation, production, statistics, imports) declare no response schema yet.
import type { paths } from '../api/schema.ts';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;
type Row<P extends keyof paths> = Json<P, 'get'> extends { data: (infer T)[] } ? T : never;

export type Me = Json<'/api/v1/me', 'get'>;
export type User = Json<'/api/v1/users/{id}', 'get'>;
export type Session = Row<'/api/v1/users/{id}/sessions'>;
export type Permission = Row<'/api/v1/permissions'>;
export type Role = Row<'/api/v1/roles'>;
export type Item = Row<'/api/v1/items'>;
export type Barcode = Item['barcodes'][number];
export type Location = Row<'/api/v1/locations'>;
export type Movement = Row<'/api/v1/movements'>;
export type Reason = Row<'/api/v1/waste-reasons'>;
export type Workspace = Json<'/api/v1/workspace', 'get'>;
export type AuditEvent = Row<'/api/v1/audit'>;
export type AuditVerification = Json<'/api/v1/audit/verify', 'get'>;

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface ImportError {
  line: number;
  field: string;
  message: string;
}

/** GET /stock rows: no response schema yet, declared once in the scanner's API types. */
export type { StockRow } from '../api/types.ts';

export interface Valuation {
  sku: string;
  itemId: string;
  method: string;
  qty: string;
  value: string;
  unitCost: string | null;
}

/** GET /valuation without `sku`: one page of items by SKU; `totalValue` is every item's, all pages. */
export interface ValuationList {
  data: Valuation[];
  totalValue: string;
  nextCursor: string | null;
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
  /** Why it was cancelled, as given when cancelling; null when none was given (or not cancelled). */
  cancelReason: string | null;
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
  operators: { userId: string; name: string | null; movements: number; completions: number }[];
}
