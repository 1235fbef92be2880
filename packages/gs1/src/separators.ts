// What counts as the FNC1 field separator in a raw element string. Scanners transmit FNC1 as ASCII
// GS (29), but keyboard-wedge setups and copy-paste often turn it into the text "<GS>" or the
// visible symbol U+241D. The symbol cannot occur in GS1 data; "<GS>" is technically encodable
// but no real lot or serial contains it, so reading it as a separator is the lesser risk.

const GS = 0x1d;
const GS_SYMBOL = 0x241d;
const GS_TEXT = '<GS>';

/** Length of the separator starting at `index` (1 or 4), or 0 if there is none. */
export function separatorLength(input: string, index: number, end = input.length): number {
  if (index >= end) return 0;
  const code = input.charCodeAt(index);
  if (code === GS || code === GS_SYMBOL) return 1;
  return index + GS_TEXT.length <= end && input.startsWith(GS_TEXT, index) ? GS_TEXT.length : 0;
}

export function containsSeparator(input: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (separatorLength(input, i, end) > 0) return true;
  return false;
}
