import { z } from 'zod';
import { invalid } from './domain-error';
import { findUnstorable } from './storable-text';

/** Opaque cursors: base64url JSON, so clients cannot depend on what is inside. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A uuid as PostgreSQL prints it (lower case), whatever case the caller used. */
export const uuidId = (message = 'not an id') => z.uuid({ message }).transform((v) => v.toLowerCase());

/** A bigserial id: digits that fit PostgreSQL's bigint. */
export const serialId = z.string().regex(/^[1-9]\d{0,17}$/, 'not an id');

export const serialIdCursor = z.object({ id: serialId });

/** The audit trail's position in its hash chain. */
export const chainSeqCursor = z.object({ seq: serialId });

export function decodeCursor<S extends z.ZodType>(
  cursor: string | undefined,
  schema: S,
): z.infer<S> | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (findUnstorable(value)) throw new Error('unstorable');
    return schema.parse(value);
  } catch {
    throw invalid('cursor: not a cursor this API handed out', [
      { field: 'cursor', message: 'invalid cursor' },
    ]);
  }
}

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a caller asks of a listing: how many, and where the previous page ended. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** How a listing's rows are ordered for paging: its cursor's schema, and the cursor that names a row. */
export interface Keyset<S extends z.ZodType, R> {
  cursor: S;
  of: (row: R) => z.infer<S>;
}

/** Rows in bigserial id order. */
export const bySerialId: Keyset<typeof serialIdCursor, { id: string }> = {
  cursor: serialIdCursor,
  of: (row) => ({ id: row.id }),
};

/**
 * One keyset page. `read` gets the position to go on after (undefined: from the start) and how many rows to
 * read: one more than the page, the extra one only saying that more follow. The next cursor names the last
 * row shown; `view` makes the page's items of the rows shown, all at once (some look more up for a page).
 */
export async function keysetPage<S extends z.ZodType, R, T>(
  request: PageRequest,
  keyset: Keyset<S, R>,
  read: (after: z.infer<S> | undefined, rows: number) => Promise<R[]>,
  view: (shown: R[]) => T[] | Promise<T[]>,
): Promise<Page<T>> {
  const rows = await read(decodeCursor(request.cursor, keyset.cursor), request.limit + 1);
  const shown = rows.slice(0, request.limit);
  return {
    items: await view(shown),
    nextCursor: rows.length > request.limit ? encodeCursor(keyset.of(shown[shown.length - 1])) : null,
  };
}
