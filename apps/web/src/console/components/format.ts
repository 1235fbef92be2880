// Display helpers. Quantities and money stay decimal strings end to end; we only group digits.

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function formatPercent(ratio: string | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  return `${(Number(ratio) * 100).toFixed(1)} %`;
}

export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value;
}

/** Triggers a download of generated content through an object URL (no new origin, no inline script). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens a PDF in a new tab from a blob URL, so the bearer token never goes into a URL. */
export function openBlob(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function isDecimal(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text.trim());
}

export function isPositiveDecimal(text: string): boolean {
  return isDecimal(text) && Number(text) > 0;
}

/** A quantity that may be zero but not below: a minimum stock, a count. */
export function isNonNegativeDecimal(text: string): boolean {
  return /^\d+(\.\d+)?$/.test(text.trim());
}
