// What the operator hears and feels on every scan, because in a noisy hall with the phone at arm's
// length nobody reads the screen first: a short high beep and one buzz for a good read, a low double
// tone and a long buzz for a bad one.
let audio: AudioContext | null = null;

function tone(frequency: number, startAt: number, seconds: number): void {
  if (!audio) return;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'square';
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.25, audio.currentTime + startAt);
  gain.gain.setValueAtTime(0, audio.currentTime + startAt + seconds);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(audio.currentTime + startAt);
  oscillator.stop(audio.currentTime + startAt + seconds + 0.02);
}

export type FeedbackKind = 'ok' | 'bad';

export function scanFeedback(kind: FeedbackKind): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    if (kind === 'ok') tone(1760, 0, 0.09);
    else {
      tone(330, 0, 0.15);
      tone(220, 0.2, 0.25);
    }
  } catch {
    // No audio output (or autoplay refused before the first tap): colour and vibration still work.
  }
  if ('vibrate' in navigator) navigator.vibrate(kind === 'ok' ? 60 : [150, 80, 150]);
}
