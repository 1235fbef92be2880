// Drawing the codes we print: QR codes for job travelers, GS1 DataMatrix for items that carry a
// GTIN, Code 128 for everything else — always with a quiet zone and an opaque white background so
// phone cameras and handheld scanners read them first time.

import { isValidGtin, toGtin14 } from '@opsledger/gs1';
import bwipjs from 'bwip-js';

export type Symbology = 'qrcode' | 'gs1datamatrix' | 'code128';

export interface LabelCode {
  symbology: Symbology;
  /** What the code carries; GS1 DataMatrix text is in bracketed form, e.g. (01)09506000134352. */
  text: string;
}

export function barcodePng(code: LabelCode, scale = 3): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: code.symbology,
    text: code.text,
    scale,
    ...(code.symbology === 'code128' ? { height: 10 } : {}),
    paddingwidth: code.symbology === 'code128' ? 10 : 4,
    paddingheight: 4,
    backgroundcolor: 'FFFFFF',
  });
}

/** An item is labelled with a GS1 DataMatrix of its GTIN when it has one, else Code 128 of its SKU. */
export function itemLabelCode(item: { sku: string; barcodes: { code: string }[] }): LabelCode {
  const gtin = item.barcodes.map((b) => b.code).find((c) => /^\d{8}$|^\d{12,14}$/.test(c) && isValidGtin(c));
  if (gtin) return { symbology: 'gs1datamatrix', text: `(01)${toGtin14(gtin)}` };
  return { symbology: 'code128', text: item.sku };
}

/** The text a work order step's QR carries; GET /scan resolves it to the order and step. */
export function stepCodeText(workOrderNumber: string, seq: number): string {
  return `${workOrderNumber}/${seq}`;
}

export const STEP_CODE = /^(WO-\d{6,})\/(\d{1,6})$/;
