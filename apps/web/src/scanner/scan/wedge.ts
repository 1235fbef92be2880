// Hardware scanners that act as a keyboard ("wedge") type the code as a burst of keystrokes ending
// in Enter. This listens on the whole document, so a scan works without tapping a field first.
// A field the operator is typing in (a quantity, a reference) keeps what a person types; but a burst
// that only a scanner types, arriving while such a field has focus (the quantity field right after
// an item scan, the usual moment to scan the next location), is taken as a scan and taken back out
// of the field, instead of turning "3" into "3FLOOR-1" or booking on its Enter.
import { useEffect, useRef } from 'react';

/**
 * Outside a field, a pause this long starts a new code. Scanners type a code in well under this; the
 * margin is for busy handhelds that deliver key events late. Keys typed outside any field are never
 * anything but a scan here, so a generous gap costs nothing.
 */
const MAX_GAP_MS = 500;
const MIN_LENGTH = 3;

/**
 * Inside a field a person may be typing, so a scan must look like one: at least MIN_BURST_LENGTH
 * keys, each within BURST_GAP_MS of the one before, and Enter within the same gap. People type keys
 * 80–250 ms apart; scanners a few milliseconds.
 */
export const BURST_GAP_MS = 35;
export const MIN_BURST_LENGTH = 4;

/** Marks the scan panel's own field, whose form handles what is typed into it. */
export const SCAN_INPUT_ATTRIBUTE = 'data-scan-field';

function isEditable(target: EventTarget | null): target is HTMLElement {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The character a key adds to a code, if any. GS1 scanners send FNC1 as a control character. */
function codeCharacter(event: KeyboardEvent): string | undefined {
  if (event.key.length === 1) return event.key;
  if (event.key === 'GroupSeparator') return '\u001d';
  return undefined;
}

interface FieldBurst {
  field: HTMLInputElement | HTMLTextAreaElement;
  valueBefore: string;
  code: string;
  last: number;
}

/** Puts a React-controlled field back to a value, the way typing would (so its state follows). */
function restoreValue(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
  setter?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

export function useWedgeScanner(onScan: (code: string) => void, enabled = true): void {
  const buffer = useRef('');
  const last = useRef(0);
  const burst = useRef<FieldBurst | null>(null);
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const inField = (event: KeyboardEvent, field: HTMLElement, now: number) => {
      if (field.hasAttribute(SCAN_INPUT_ATTRIBUTE)) return;
      if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
      const current = burst.current;
      const steady = current !== null && current.field === field && now - current.last <= BURST_GAP_MS;
      if (event.key === 'Enter') {
        burst.current = null;
        if (steady && current.code.length >= MIN_BURST_LENGTH) {
          event.preventDefault();
          event.stopPropagation();
          restoreValue(field, current.valueBefore);
          handler.current(current.code);
        }
        return;
      }
      const character = codeCharacter(event);
      if (character === undefined) {
        burst.current = null;
        return;
      }
      // keydown comes before the character lands, so the field still holds what the person typed.
      burst.current = steady
        ? { ...current, code: current.code + character, last: now }
        : { field, valueBefore: field.value, code: character, last: now };
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const now = performance.now();
      if (isEditable(event.target)) {
        inField(event, event.target, now);
        return;
      }
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
      const character = codeCharacter(event);
      if (character !== undefined) buffer.current += character;
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}
