// Shapes the screens use. Where the OpenAPI document types a response, the type comes from it
// (so a server change breaks the build, not the app). The scan result and its stock rows stay
// declared here: the scanner builds them itself too, from its offline catalogue.
import type { paths } from './schema.ts';

/** The JSON body of a path and method's success answer (200, or 201 for a create). */
export type Answer<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: infer R;
}
  ? R[200 & keyof R] | R[201 & keyof R] extends { content: { 'application/json': infer T } }
    ? T
    : never
  : never;

export type Me = Answer<'/api/v1/me', 'get'>;
export type LoginUser = Answer<'/api/v1/auth/login', 'post'>['user'];
export type Location = Answer<'/api/v1/locations', 'get'>['data'][number];
export type Item = Answer<'/api/v1/items', 'get'>['data'][number];
export type Reason = Answer<'/api/v1/waste-reasons', 'get'>['data'][number];
export type Movement = Answer<'/api/v1/movements', 'post'>;
export type MovementRequest = NonNullable<
  paths['/api/v1/movements']['post']['requestBody']
>['content']['application/json'];
export type StepEventRequest = NonNullable<
  paths['/api/v1/work-orders/{id}/events']['post']['requestBody']
>['content']['application/json'];

/** A stock row as GET /api/v1/stock and a scan answer it, and as the offline catalogue keeps it. */
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
