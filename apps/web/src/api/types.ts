// Shapes the screens use. Where the OpenAPI document types a response, the type comes from it
// (so a server change breaks the build, not the app); the scan result is declared by hand because
// its route has no response schema yet.
import type { paths } from './schema.ts';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;

export type Me = Json<'/api/v1/me', 'get'>;
export type LoginUser = Json<'/api/v1/auth/login', 'post'>['user'];
export type Location = Json<'/api/v1/locations', 'get'>['data'][number];
export type Item = Json<'/api/v1/items', 'get'>['data'][number];
export type Reason = Json<'/api/v1/waste-reasons', 'get'>['data'][number];
export type Movement = Json<'/api/v1/movements', 'post'>;
export type MovementRequest = NonNullable<
  paths['/api/v1/movements']['post']['requestBody']
>['content']['application/json'];
export type StepEventRequest = NonNullable<
  paths['/api/v1/work-orders/{id}/events']['post']['requestBody']
>['content']['application/json'];

/** GET /api/v1/stock rows (untyped in the OpenAPI document). */
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

export interface WorkspaceInfo {
  code: string;
  name: string;
  apiBaseUrl: string;
}

export interface Gs1Fields {
  gtin?: string;
  lot?: string;
  expiry?: string;
  serial?: string;
  quantity?: string;
}

export interface StepView {
  seq: number;
  name: string;
  workCenter: string;
  status: string;
  goodQty: string;
  scrapQty: string;
  wip: string;
}

/** GET /api/v1/scan: what a scanned string is in this workspace. */
export interface ScanResult {
  kind: 'item' | 'location' | 'lot' | 'work_order';
  code: string;
  item?: Pick<Item, 'id' | 'sku' | 'name' | 'uom' | 'tracking'>;
  packQty?: string;
  location?: { id: string; code: string; name: string; kind: string };
  lot?: { id: string | null; code: string; expiry: string | null };
  gs1?: Gs1Fields;
  stock?: StockRow[];
  workOrder?: { id: string; number: string; sku: string; itemName: string; qty: string; status: string };
  step?: StepView;
}
