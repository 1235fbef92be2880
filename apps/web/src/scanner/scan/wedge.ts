// Hardware scanners that act as a keyboard ("wedge") type the code as a burst of keystrokes ending
// in Enter. This listens on the whole document, so a scan works without tapping a field first.
// Keys typed into a text field the operator is using (a quantity, a reference) are left alone.
import { useEffect, useRef } from 'react';

/**
 * A pause this long starts a new code. Scanners type a code in well under this; the margin is for
 * busy handhelds that deliver key events late. Keys typed outside any field are never anything but
 * a scan here, so a generous gap costs nothing.
 */
const MAX_GAP_MS = 500;
const MIN_LENGTH = 3;

/** Keys typed into a field belong to it (the scan field submits its own form on Enter). */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useWedgeScanner(onScan: (code: string) => void, enabled = true): void {
  const buffer = useRef('');
  const last = useRef(0);
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (isEditable(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const now = performance.now();
      if (now - last.current > MAX_GAP_MS) buffer.current = '';
      last.current = now;
      if (event.key === 'Enter') {
        const code = buffer.current;
        buffer.current = '';
        if (code.length >= MIN_LENGTH) {
          event.preventDefault();
          handler.current(code);
        }
        return;
      }
      // GS1 scanners send the FNC1 group separator as a control character.
      if (event.key.length === 1) buffer.current += event.key;
      else if (event.key === 'GroupSeparator') buffer.current += '\u001d';
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}
