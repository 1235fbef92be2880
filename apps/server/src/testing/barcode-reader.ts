// Our own barcode reader for tests: ZXing compiled to WebAssembly, loaded from the installed
// package (never fetched), reading PNG images the way a scanner reads a label.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

let prepared = false;

function prepare(): void {
  if (prepared) return;
  const require = createRequire(import.meta.url);
  const entry = require.resolve('zxing-wasm/reader');
  const dir = entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`));
  const wasm = fs.readFileSync(path.join(dir, 'dist/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: {
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer,
    },
    fireImmediately: true,
  });
  prepared = true;
}

export interface ReadBarcode {
  format: string;
  text: string;
  symbologyIdentifier: string;
}

export async function readBarcodesFromPng(png: Buffer): Promise<ReadBarcode[]> {
  prepare();
  const results = await readBarcodes(new Uint8Array(png), { tryHarder: true, maxNumberOfSymbols: 10 });
  return results
    .filter((r) => r.isValid)
    .map((r) => ({ format: r.format, text: r.text, symbologyIdentifier: r.symbologyIdentifier }));
}
