// Pulls the raster images out of a PDF that pdfkit wrote, as PNG files, so tests can decode the
// barcodes a person would print. pdfkit stores an image either as the PNG's own IDAT data
// (FlateDecode with the PNG predictor: rows already carry filter bytes) or as plain deflated
// pixel rows; both become a PNG again by adding the per-row filter bytes where missing.
import zlib from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

export interface PdfImage {
  width: number;
  height: number;
  /** True for an alpha mask (SMask), which carries no picture of its own. */
  mask: boolean;
  png: Buffer;
}

const OBJECT_WITH_STREAM = /(\d+) 0 obj\s*<<((?:(?!endobj)[\s\S])*?)>>\s*stream\r?\n/g;

export function extractPdfImages(pdf: Buffer): PdfImage[] {
  const text = pdf.toString('latin1');
  const masks = new Set([...text.matchAll(/\/SMask (\d+) 0 R/g)].map((m) => m[1]));
  const images: PdfImage[] = [];
  for (const m of text.matchAll(OBJECT_WITH_STREAM)) {
    const dict = m[2]!;
    if (!/\/Subtype\s*\/Image/.test(dict) || !/\/FlateDecode/.test(dict)) continue;
    const width = Number(/\/Width\s+(\d+)/.exec(dict)?.[1]);
    const height = Number(/\/Height\s+(\d+)/.exec(dict)?.[1]);
    const length = Number(/\/Length\s+(\d+)/.exec(dict)?.[1]);
    const colors = /DeviceRGB/.test(dict) ? 3 : 1;
    if (!width || !height || !length) continue;
    const start = (m.index ?? 0) + m[0].length;
    const inflated = zlib.inflateSync(pdf.subarray(start, start + length));
    let rows: Buffer;
    if (/\/Predictor\s+1[0-5]/.test(dict)) {
      rows = inflated;
    } else {
      const stride = width * colors;
      rows = Buffer.alloc(height * (stride + 1));
      for (let y = 0; y < height; y++)
        inflated.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8;
    header[9] = colors === 3 ? 2 : 0;
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', zlib.deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    images.push({ width, height, mask: masks.has(m[1]), png });
  }
  return images;
}
