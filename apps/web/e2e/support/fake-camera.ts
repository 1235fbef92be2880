// A fake camera feed for Chromium (--use-file-for-fake-video-capture): real barcodes drawn with
// bwip-js, each held in view for a while, written as raw YUV 4:2:0 frames in a Y4M file. Chromium
// loops the file, so the camera keeps "seeing" the sequence.
import fs from 'node:fs';
import bwipjs from 'bwip-js';
import { PNG } from 'pngjs';

export const WIDTH = 640;
export const HEIGHT = 480;
const FPS = 10;

export interface Shot {
  /** bwip-js symbology: 'ean13', 'gs1datamatrix', 'qrcode', 'code128'… */
  bcid: string;
  text: string;
  seconds: number;
}

async function drawGrey(shot: Shot): Promise<{ width: number; height: number; grey: Uint8Array }> {
  const twoD = shot.bcid.includes('matrix') || shot.bcid === 'qrcode';
  const png = await bwipjs.toBuffer({
    bcid: shot.bcid,
    text: shot.text,
    scale: twoD ? 8 : 3,
    ...(twoD ? {} : { height: 25 }),
    paddingwidth: 10,
    paddingheight: 10,
    backgroundcolor: 'FFFFFF',
  });
  const image = PNG.sync.read(png);
  const grey = new Uint8Array(image.width * image.height);
  for (let i = 0; i < grey.length; i += 1) {
    const [r, g, b, a] = [
      image.data[i * 4]!,
      image.data[i * 4 + 1]!,
      image.data[i * 4 + 2]!,
      image.data[i * 4 + 3]!,
    ];
    const luma = 0.299 * r + 0.587 * g + 0.114 * b;
    grey[i] = Math.round((luma * a + 255 * (255 - a)) / 255);
  }
  return { width: image.width, height: image.height, grey };
}

/** One Y4M frame body: the barcode centred on white (Y plane), neutral chroma (U and V at 128). */
function frameOf(code: { width: number; height: number; grey: Uint8Array }): Buffer {
  const y = Buffer.alloc(WIDTH * HEIGHT, 235);
  const left = Math.max(0, Math.floor((WIDTH - code.width) / 2));
  const top = Math.max(0, Math.floor((HEIGHT - code.height) / 2));
  for (let row = 0; row < Math.min(code.height, HEIGHT); row += 1) {
    for (let col = 0; col < Math.min(code.width, WIDTH); col += 1) {
      // Video range luma: 16 (black) to 235 (white).
      y[(top + row) * WIDTH + left + col] = 16 + Math.round((code.grey[row * code.width + col]! * 219) / 255);
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  return Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
}

export async function writeFakeCameraVideo(file: string, shots: Shot[]): Promise<void> {
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`)];
  for (const shot of shots) {
    const frame = frameOf(await drawGrey(shot));
    for (let i = 0; i < shot.seconds * FPS; i += 1) parts.push(frame);
  }
  fs.writeFileSync(file, Buffer.concat(parts));
}
