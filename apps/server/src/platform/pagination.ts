// Cursor pagination: `?limit=&cursor=` → `{ data, nextCursor }`. The cursor is the opaque,
// base64url-encoded sort key of the last row returned; ids are UUIDv7 so most lists sort by id.
import { Type } from '@sinclair/typebox';
import { isUuid } from '../db/ids.ts';
import { problem } from './errors.ts';

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
};

/**
 * `?limit=&cursor=` of a list whose answer was capped at `max` rows before it was paged: the cap
 * stays the default and the maximum page, so a client that ignores paging gets what it got before.
 */
export const PageQueryUpTo = (max: number) => ({
  ...PageQuery,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: max })),
});

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(
  cursor: string | undefined,
  isValid: (value: unknown) => value is T,
): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(value)) return value;
  } catch {
    // falls through to the error below
  }
  throw problem('validation_failed', 'The cursor is not valid', {
    errors: [{ path: '/cursor', message: 'invalid cursor' }],
  });
}

/** Takes `limit + 1` rows from the query, returns a page and the cursor after its last row. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  keyOf: (row: Row) => unknown,
) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(map),
    nextCursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** Text a cursor carries into SQL: a string PostgreSQL takes as text (no NUL), at most `max` long. */
export const isTextUpTo =
  (max: number) =>
  (v: unknown): v is string =>
    typeof v === 'string' && v.length <= max && !v.includes('\0');
/** A row id (UUID): the cursor of the lists that page by id; anything else would fail its cast in SQL. */
export const isId = (v: unknown): v is string => typeof v === 'string' && isUuid(v);
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
