// Items and locations kept on the device so a scan can still be recognised without a connection:
// the same order of checks as the server's scan endpoint (GS1 → item barcode or SKU → location),
// with GS1 parsed here by @opsledger/gs1, the parser the server uses. Stock is not known offline.
import { tryParseGs1 } from '@opsledger/gs1';
import { requestJson } from '../../api/client.ts';
import type { Item, Location, ScanResult } from '../../api/types.ts';
import { localDb } from '../../shared/local-db.ts';

interface Catalog {
  items: Item[];
  locations: Location[];
  savedAt: string;
}

const PAGE = 200;
const MAX_PAGES = 50;

export async function refreshOfflineCatalog(): Promise<void> {
  const items: Item[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const { data } = await requestJson<{ data: Item[]; nextCursor: string | null }>(
      'GET',
      `/api/v1/items?limit=${PAGE}${query}`,
    );
    items.push(...data.data);
    cursor = data.nextCursor;
    if (!cursor) break;
  }
  const { data: locations } = await requestJson<{ data: Location[] }>('GET', '/api/v1/locations');
  const catalog: Catalog = { items, locations: locations.data, savedAt: new Date().toISOString() };
  await localDb.put('catalog', catalog, 'catalog');
}

function gtinForms(gtin14: string): string[] {
  const forms = [gtin14];
  for (const length of [13, 12, 8]) {
    const pad = gtin14.length - length;
    if (/^0+$/.test(gtin14.slice(0, pad))) forms.push(gtin14.slice(pad));
  }
  return forms;
}

function barcodeCode(barcode: Item['barcodes'][number]): { code: string; packQty: string } {
  return typeof barcode === 'string'
    ? { code: barcode, packQty: '1' }
    : { code: barcode.code, packQty: String(barcode.packQty) };
}

export async function resolveOffline(raw: string): Promise<ScanResult | null> {
  const catalog = await localDb.get<Catalog>('catalog', 'catalog');
  if (!catalog) return null;
  const code = raw.replace(/[\r\n]+$/, '');
  const itemView = (item: Item) => ({
    id: item.id,
    sku: item.sku,
    name: item.name,
    uom: item.uom,
    tracking: item.tracking,
  });
  const byCodes = (codes: string[]) => {
    for (const item of catalog.items) {
      for (const barcode of item.barcodes) {
        const b = barcodeCode(barcode);
        if (codes.includes(b.code)) return { item, packQty: b.packQty };
      }
      if (codes.includes(item.sku)) return { item, packQty: '1' };
    }
    return null;
  };
  let gs1: ReturnType<typeof tryParseGs1> = null;
  try {
    gs1 = tryParseGs1(code);
  } catch {
    gs1 = null;
  }
  if (gs1?.gtin) {
    const found = byCodes(gtinForms(gs1.gtin));
    if (found) {
      return {
        kind: 'item',
        code,
        item: itemView(found.item),
        packQty: found.packQty,
        gs1: {
          gtin: gs1.gtin,
          ...(gs1.lot ? { lot: gs1.lot } : {}),
          ...(gs1.expiry ? { expiry: gs1.expiry } : {}),
          ...(gs1.quantity ? { quantity: gs1.quantity } : {}),
        },
      };
    }
  }
  const found = byCodes([code]);
  if (found) return { kind: 'item', code, item: itemView(found.item), packQty: found.packQty };
  const location = catalog.locations.find((l) => l.code === code);
  if (location) {
    return {
      kind: 'location',
      code,
      location: { id: location.id, code: location.code, name: location.name, kind: location.kind },
    };
  }
  return null;
}
