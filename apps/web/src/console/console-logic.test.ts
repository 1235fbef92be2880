// The console's pure logic, without a browser: reading the statistics event stream, putting a
// problem+json on the right form field, the stock CSV export and query strings.
import { describe, expect, it } from 'vitest';
import { isNonNegativeDecimal } from './components/format.ts';
import { parseSse } from './components/useLiveChanges.ts';
import { withQuery } from './console-api.ts';
import { stockCsv } from './pages/StockPage.tsx';
import { fieldErrorsOf, ProblemError } from './problem.ts';

describe('reading server-sent events from a fetch stream', () => {
  it('splits complete events and keeps an unfinished one for the next chunk', () => {
    const { events, rest } = parseSse(
      'retry: 2000\nid: 7\nevent: ready\ndata: {"w":"7"}\n\n: heartbeat\n\nevent: chan',
    );
    expect(events).toEqual([
      { id: '7', event: 'ready', data: '{"w":"7"}' },
      { event: 'message', data: '' },
    ]);
    expect(rest).toBe('event: chan');
    const next = parseSse(`${rest}ged\nid: 8\ndata: a\ndata: b\r\n\r\n`);
    expect(next.events).toEqual([{ id: '8', event: 'changed', data: 'a\nb' }]);
    expect(next.rest).toBe('');
  });
});

describe('problem+json on form fields', () => {
  it('puts a validation error on the field its path names', () => {
    const error = new ProblemError({
      title: 'The request is not valid',
      status: 400,
      code: 'validation_failed',
      errors: [{ path: '/components/0/qty', message: 'must be a number' }],
    });
    expect(fieldErrorsOf(error)).toEqual({ 'components.0.qty': 'must be a number' });
  });

  it('puts a conflict on the field its code is about', () => {
    const error = new ProblemError({
      title: 'Taken',
      status: 409,
      code: 'sku_taken',
      detail: 'SKU A1 already exists.',
    });
    expect(fieldErrorsOf(error)).toEqual({ sku: 'SKU A1 already exists.' });
    expect(fieldErrorsOf(error, { sku_taken: 'code' })).toEqual({ code: 'SKU A1 already exists.' });
  });

  it('keeps what concerns no field for the form, and never turns CSV rows into field errors', () => {
    const rows = new ProblemError({
      title: 'Rejected',
      status: 422,
      code: 'import_rejected',
      detail: '1 problem found; nothing was imported.',
      errors: [{ line: 3, field: 'name', message: 'is required' }],
    });
    expect(fieldErrorsOf(rows)).toEqual({ _form: '1 problem found; nothing was imported.' });
    expect(fieldErrorsOf(new Error('offline'))).toEqual({ _form: 'offline' });
  });
});

describe('stock export', () => {
  it('writes RFC 4180 CSV, quoting what needs it', () => {
    const csv = stockCsv([
      {
        sku: 'A1',
        itemId: 'i',
        name: 'Bolt, "M8"',
        uom: 'pcs',
        location: 'STORE',
        locationId: 'l',
        lot: null,
        expiry: null,
        qty: '12.5',
      },
    ]);
    expect(csv).toBe('sku,name,location,lot,expiry,qty,uom\r\nA1,"Bolt, ""M8""",STORE,,,12.5,pcs\r\n');
  });
});

describe('query strings', () => {
  it('leaves out empty filters', () => {
    expect(withQuery('/movements', { sku: 'A 1', type: '', cursor: undefined, limit: 50 })).toBe(
      '/movements?sku=A+1&limit=50',
    );
    expect(withQuery('/stock', { sku: '' })).toBe('/stock');
  });
});

describe('the minimum stock field', () => {
  it('takes zero or a positive decimal, and refuses negatives, words and half-written numbers', () => {
    for (const ok of ['0', '20', '12.5', ' 3 ']) expect(isNonNegativeDecimal(ok), ok).toBe(true);
    for (const bad of ['-1', 'plenty', '1.', '.5', '1,5', ''])
      expect(isNonNegativeDecimal(bad), bad).toBe(false);
  });
});
