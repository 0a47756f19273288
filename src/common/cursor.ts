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

/**
 * A page from rows fetched with `limit + 1` (the extra row only says that more follow), keyset on `key`:
 * the cursor names the last row shown.
 */
export function pageByKey<K extends string, R extends Record<K, string>, T>(
  key: K,
  rows: R[],
  limit: number,
  view: (row: R) => T,
): Page<T> {
  const shown = rows.slice(0, limit);
  return {
    items: shown.map(view),
    nextCursor: rows.length > limit ? encodeCursor({ [key]: shown[shown.length - 1][key] }) : null,
  };
}

export function pageById<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  view: (row: R) => T,
): Page<T> {
  return pageByKey('id', rows, limit, view);
}
