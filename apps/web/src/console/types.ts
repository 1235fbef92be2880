// Response shapes the console reads, as the server sends them (decimal strings for quantities and
// money, ISO strings for times). Every one is taken from the generated OpenAPI schema, so a server
// change breaks the build instead of the page. Only what the server does not answer as such (the
// generic page envelope the list components share, rows the console builds itself) is written here.
import type { Answer } from '../api/types.ts';

export type Me = Answer<'/api/v1/me', 'get'>;
export type User = Answer<'/api/v1/users/{id}', 'get'>;
export type Session = Answer<'/api/v1/users/{id}/sessions', 'get'>['data'][number];
export type Permission = Answer<'/api/v1/permissions', 'get'>['data'][number];
export type Role = Answer<'/api/v1/roles', 'get'>['data'][number];
export type Item = Answer<'/api/v1/items', 'get'>['data'][number];
export type Barcode = Item['barcodes'][number];
export type Location = Answer<'/api/v1/locations', 'get'>['data'][number];
export type Movement = Answer<'/api/v1/movements', 'get'>['data'][number];
export type Reason = Answer<'/api/v1/waste-reasons', 'get'>['data'][number];
export type Workspace = Answer<'/api/v1/workspace', 'get'>;
export type AuditEvent = Answer<'/api/v1/audit', 'get'>['data'][number];
export type AuditVerification = Answer<'/api/v1/audit/verify', 'get'>;
export type StockRow = Answer<'/api/v1/stock', 'get'>['data'][number];

/** GET /valuation without `sku`: one page of items by SKU; `totalValue` is every item's, all pages. */
export type ValuationList = Extract<Answer<'/api/v1/valuation', 'get'>, { totalValue: string }>;
export type Valuation = ValuationList['data'][number];

export type WorkCenter = Answer<'/api/v1/work-centers', 'get'>['data'][number];
export type Bom = Answer<'/api/v1/boms', 'get'>['data'][number];
export type BomComponent = Bom['components'][number];
export type Routing = Answer<'/api/v1/routings', 'get'>['data'][number];
export type RoutingStep = Routing['steps'][number];

export type WorkOrder = Answer<'/api/v1/work-orders/{id}', 'get'>;
export type WorkOrderStatus = WorkOrder['status'];
export type WorkOrderStep = WorkOrder['steps'][number];
export type StepEvent = Answer<'/api/v1/work-orders/{id}/events', 'get'>['data'][number];

export type StatsSummary = Answer<'/api/v1/stats/summary', 'get'>;

/** The envelope of every paged list (`GET /items`, `/boms`, …), for components generic over the row. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** A CSV row the server rejected, as the import form tabulates it (from the problem's `errors`). */
export interface ImportError {
  line: number;
  field: string;
  message: string;
}
