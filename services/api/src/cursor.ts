import { HttpError } from './auth.js';

/** A bigint id, as the lists page by. */
const ID = /^[1-9][0-9]{0,17}$/;
/** Far beyond any list an offset pages through, and small enough for SQL's OFFSET. */
const MAX_OFFSET = 10_000_000;

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_OFFSET;
}

/** Position in a list, opaque to clients. */
export type Cursor = { offset: number } | { beforeId: string };

/**
 * Encodes a cursor as base64url JSON.
 * @param cursor - the position
 */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/**
 * Decodes a cursor from a query string; a tampered one is a 400.
 * @param text - the cursor sent by the client
 */
export function decodeCursor(text: string | undefined): Cursor | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) {
      if ('offset' in value && isOffset(value.offset)) return { offset: value.offset };
      if ('beforeId' in value && typeof value.beforeId === 'string' && ID.test(value.beforeId)) {
        return { beforeId: value.beforeId };
      }
    }
  } catch {
    // fall through to the 400 below
  }
  throw new HttpError(400, 'bad_cursor', 'cursor is not one this API returned');
}

/**
 * Where a list paged by id, newest first, resumes: the id its cursor stands before, if any.
 * @param text - the cursor sent by the client
 */
export function beforeIdOf(text: string | undefined): string | undefined {
  const cursor = decodeCursor(text);
  return cursor && 'beforeId' in cursor ? cursor.beforeId : undefined;
}

/**
 * One page of a list paged by id, newest first, read with `limit + 1` rows: the extra row only
 * says that a next page exists, which starts after the last row shown.
 * @param rows - up to `limit + 1` rows, newest first
 * @param limit - the page size asked for
 */
export function pageById<Row extends { id: string }>(
  rows: readonly Row[],
  limit: number,
): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor({ beforeId: last.id }) : null };
}
