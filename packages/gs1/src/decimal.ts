// Implied-decimal GS1 numbers (e.g. AI 3103 "001250" = 1.250 kg) as exact decimal strings. Done on
// text, not Number, so 15-digit amounts and trailing zeros survive unchanged.

function stripLeadingZeros(digits: string): string {
  const stripped = digits.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}

/** Integer string without leading zeros, e.g. "00000012" → "12". */
export function formatInteger(digits: string): string {
  return stripLeadingZeros(digits);
}

/** Places the decimal point `decimals` digits from the right, e.g. ("001250", 3) → "1.250". */
export function formatDecimal(digits: string, decimals: number): string {
  if (decimals === 0) return stripLeadingZeros(digits);
  const padded = digits.padStart(decimals + 1, '0');
  const integerPart = stripLeadingZeros(padded.slice(0, -decimals));
  return `${integerPart}.${padded.slice(-decimals)}`;
}
