// The scan area on every scan screen: the camera (on request, remembered), a field to type a code,
// and the hardware-scanner listener — three equal ways in. Each scan ends in a sound, a vibration
// and a green or red strip saying what was read.
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { type CameraSession, startCamera } from './camera.ts';
import { type FeedbackKind, scanFeedback } from './feedback.ts';
import { useWedgeScanner } from './wedge.ts';

export interface ScanOutcome {
  kind: FeedbackKind;
  message: string;
}

const CAMERA_PREFERENCE = 'opsledger.camera';

export function ScanPanel(props: { prompt: string; onScan(code: string): Promise<ScanOutcome> }) {
  const [state, setState] = useState<ScanOutcome | null>(null);
  const [typed, setTyped] = useState('');
  const [cameraOn, setCameraOn] = useState(() => localStorage.getItem(CAMERA_PREFERENCE) === 'on');
  const [cameraError, setCameraError] = useState<string | null>(null);
  const [torch, setTorch] = useState(false);
  const [session, setSession] = useState<CameraSession | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const onScan = useRef(props.onScan);
  onScan.current = props.onScan;
  const busy = useRef(false);

  const handle = useCallback(async (code: string) => {
    if (busy.current) return;
    busy.current = true;
    try {
      const outcome = await onScan.current(code);
      scanFeedback(outcome.kind);
      setState(outcome);
    } catch (error) {
      scanFeedback('bad');
      setState({ kind: 'bad', message: error instanceof Error ? error.message : String(error) });
    } finally {
      busy.current = false;
    }
  }, []);

  useWedgeScanner((code) => void handle(code));

  useEffect(() => {
    localStorage.setItem(CAMERA_PREFERENCE, cameraOn ? 'on' : 'off');
    if (!cameraOn || !video.current) return;
    let current: CameraSession | null = null;
    let cancelled = false;
    setCameraError(null);
    startCamera(video.current, (code) => void handle(code)).then(
      (started) => {
        if (cancelled) started.stop();
        else {
          current = started;
          setSession(started);
        }
      },
      (error: unknown) => {
        setCameraError(error instanceof Error ? `Camera: ${error.message}` : 'Camera not available');
        setCameraOn(false);
      },
    );
    return () => {
      cancelled = true;
      current?.stop();
      setSession(null);
      setTorch(false);
    };
  }, [cameraOn, handle]);

  function submitTyped(event: FormEvent) {
    event.preventDefault();
    const code = typed.trim();
    if (!code) return;
    setTyped('');
    void handle(code);
  }

  return (
    <section className="slots" aria-label="Scan">
      {cameraOn && (
        <div className="camera">
          <video ref={video} muted playsInline aria-label="Camera preview" />
          <div className="camera-actions">
            {session?.setTorch && (
              <button
                type="button"
                className="button"
                aria-pressed={torch}
                onClick={() => {
                  const next = !torch;
                  // A camera may list a torch and still refuse it (another app holds it, or the
                  // browser cannot drive it): the operator is told instead of tapping a dead switch.
                  session.setTorch?.(next).then(
                    () => {
                      setTorch(next);
                      setCameraError(null);
                    },
                    () => setCameraError(`The light could not be switched ${next ? 'on' : 'off'}.`),
                  );
                }}
              >
                {torch ? 'Light off' : 'Light on'}
              </button>
            )}
          </div>
        </div>
      )}
      <div
        className={`scan-state ${state?.kind ?? 'idle'}`}
        role="status"
        aria-live="assertive"
        data-testid="scan-state"
      >
        {state ? state.message : props.prompt}
      </div>
      {cameraError && <p className="error-text">{cameraError}</p>}
      <form className="row scan-form" onSubmit={submitTyped}>
        <input
          className="field-input"
          aria-label="Type a code"
          placeholder="Type a code"
          value={typed}
          data-scan-field=""
          onChange={(e) => setTyped(e.target.value)}
          autoCapitalize="none"
          autoCorrect="off"
          enterKeyHint="go"
        />
        <button type="submit" className="button">
          Go
        </button>
      </form>
      <button type="button" className="button" onClick={() => setCameraOn((on) => !on)}>
        {cameraOn ? 'Stop camera' : 'Scan with camera'}
      </button>
    </section>
  );
}
