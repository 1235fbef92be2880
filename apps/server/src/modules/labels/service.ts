// Barcode labels for items and locations: a PDF sheet (A4, 3 × 8 labels of 70 × 37 mm) for office
// printers, or ZPL for Zebra label printers. Items with a GTIN get a GS1 DataMatrix; everything else
// a Code 128 of its SKU or location code, the same text GET /scan resolves.
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import type { DB } from '../../db/schema.ts';
import { withTenant } from '../../db/tenant.ts';
import type { RequestContext } from '../../platform/context.ts';
import { problem } from '../../platform/errors.ts';
import { findItemViewBySku } from '../items/queries.ts';
import { listLocations } from '../locations/service.ts';
import { barcodePng, itemLabelCode, type LabelCode } from './render.ts';

const MM = 72 / 25.4;

export interface Label {
  title: string;
  subtitle: string;
  code: LabelCode;
}

export interface LabelRequest {
  items?: string[] | undefined;
  locations?: string[] | undefined;
  copies?: number | undefined;
}

export async function collectLabels(
  db: Kysely<DB>,
  ctx: RequestContext,
  req: LabelRequest,
): Promise<Label[]> {
  const skus = req.items ?? [];
  const codes = req.locations ?? [];
  if (!skus.length && !codes.length)
    throw problem('validation_failed', 'Name items or locations to label.', {
      errors: [{ path: '/items', message: 'name at least one item or location' }],
    });
  const labels = await withTenant(db, ctx.tenantId, async (tx) => {
    const out: Label[] = [];
    for (const sku of skus) {
      const item = await findItemViewBySku(tx, { tenantId: ctx.tenantId, sku });
      if (!item) throw problem('unknown_sku', `No item has the SKU ${sku}.`, { sku });
      out.push({ title: item.name, subtitle: `${item.sku} · ${item.uom}`, code: itemLabelCode(item) });
    }
    const locations = codes.length ? await listLocations(tx, ctx.tenantId) : [];
    for (const code of codes) {
      const loc = locations.find((l) => l.code === code);
      if (!loc) throw problem('unknown_location', `No location has the code ${code}.`, { location: code });
      out.push({
        title: loc.name,
        subtitle: loc.path.join(' › '),
        code: { symbology: 'code128', text: loc.code },
      });
    }
    return out;
  });
  const copies = req.copies ?? 1;
  return labels.flatMap((l) => Array.from({ length: copies }, () => l));
}

export async function labelsPdf(labels: Label[]): Promise<Buffer> {
  const pngs = await Promise.all(labels.map((l) => barcodePng(l.code, 2)));
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: 'Labels', Author: 'OpsLedger' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const cols = 3;
  const rows = 8;
  const w = 70 * MM;
  const h = 37 * MM;
  const top = (doc.page.height - rows * h) / 2;
  labels.forEach((label, i) => {
    const slot = i % (cols * rows);
    if (i > 0 && slot === 0) doc.addPage({ size: 'A4', margin: 0 });
    const x = (slot % cols) * w;
    const y = top + Math.floor(slot / cols) * h;
    const square = label.code.symbology !== 'code128';
    const codeBox: [number, number] = square ? [24 * MM, 24 * MM] : [62 * MM, 14 * MM];
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(label.title, x + 4 * MM, y + 3 * MM, {
        width: w - 8 * MM,
        height: 10,
        ellipsis: true,
        lineBreak: false,
      });
    doc
      .font('Helvetica')
      .fontSize(7)
      .text(label.subtitle, x + 4 * MM, y + 7 * MM, {
        width: w - 8 * MM,
        height: 9,
        ellipsis: true,
        lineBreak: false,
      });
    doc.image(pngs[i]!, x + 4 * MM, y + 11 * MM, { fit: codeBox });
    doc
      .fontSize(7)
      .text(label.code.text, square ? x + 30 * MM : x + 4 * MM, square ? y + 20 * MM : y + 27 * MM, {
        width: square ? 36 * MM : w - 8 * MM,
      });
  });
  doc.end();
  return done;
}

// ZPL escapes: ^ and ~ are commands and _ is our hex-escape indicator (^FH), so they travel as hex.
function zplText(text: string): string {
  return text.replace(/[\^~_\\]/g, (c) => `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One ^XA…^XZ block per label for a 2 × 1.25 inch label at 203 dpi. */
export function labelsZpl(labels: Label[]): string {
  return labels
    .map((l) => {
      let code: string;
      if (l.code.symbology === 'gs1datamatrix') {
        // GS1 DataMatrix: quality 200, FNC1 written as _1 (the escape set by the 7th parameter).
        // Item labels carry only the fixed-length (01) GTIN, so no separators are needed after it.
        const data = l.code.text.replace(/[()]/g, '');
        code = `^FO20,70^BXN,5,200,0,0,6,_^FD_1${data}^FS`;
      } else {
        code = `^FO20,70^BY2^BCN,80,N,N,N^FH^FD${zplText(l.code.text)}^FS`;
      }
      return [
        '^XA',
        '^CI28',
        `^FO20,15^A0N,28,28^FB360,1,0,L^FH^FD${zplText(l.title)}^FS`,
        `^FO20,45^A0N,20,20^FB360,1,0,L^FH^FD${zplText(l.subtitle)}^FS`,
        code,
        `^FO20,200^A0N,18,18^FH^FD${zplText(l.code.text)}^FS`,
        '^XZ',
      ].join('\n');
    })
    .join('\n');
}
