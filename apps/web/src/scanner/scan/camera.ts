// Continuous decoding from the rear camera with the BarcodeDetector ponyfill (ZXing compiled to
// WebAssembly). The .wasm is a build asset served by our own server — never fetched from a CDN —
// which is why the module is pointed at it before first use.
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

let prepared = false;
function prepare(): void {
  if (prepared) return;
  prepared = true;
  prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
    },
  });
}

const FORMATS = [
  'data_matrix',
  'qr_code',
  'ean_13',
  'ean_8',
  'upc_a',
  'upc_e',
  'code_128',
  'code_39',
  'itf',
  'databar',
  'databar_expanded',
] as const;

/** The same code read again within this window is one scan (the camera sees a label many times a second). */
export const REPEAT_WINDOW_MS = 2500;
const FRAME_INTERVAL_MS = 120;

export interface CameraSession {
  stop(): void;
  /** Null when the device has no controllable torch. */
  setTorch: ((on: boolean) => Promise<void>) | null;
}

export async function startCamera(
  video: HTMLVideoElement,
  onCode: (code: string) => void,
): Promise<CameraSession> {
  prepare();
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
  });
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();

  const detector = new BarcodeDetector({ formats: [...FORMATS] });
  const [track] = stream.getVideoTracks();
  const capabilities = (track?.getCapabilities?.() ?? {}) as MediaTrackCapabilities & { torch?: boolean };
  let stopped = false;
  let lastCode = '';
  let lastAt = 0;

  const loop = async () => {
    while (!stopped) {
      try {
        if (video.readyState >= 2) {
          for (const found of await detector.detect(video)) {
            const now = performance.now();
            if (found.rawValue && (found.rawValue !== lastCode || now - lastAt > REPEAT_WINDOW_MS)) {
              lastCode = found.rawValue;
              lastAt = now;
              onCode(found.rawValue);
            } else if (found.rawValue === lastCode) {
              lastAt = now;
            }
          }
        }
      } catch {
        // A frame that cannot be decoded is not an error worth showing; the next one may be fine.
      }
      await new Promise((resolve) => setTimeout(resolve, FRAME_INTERVAL_MS));
    }
  };
  void loop();

  return {
    stop() {
      stopped = true;
      for (const t of stream.getTracks()) t.stop();
      video.srcObject = null;
    },
    setTorch:
      capabilities.torch && track
        ? (on) => track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] })
        : null,
  };
}
