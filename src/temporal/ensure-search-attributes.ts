import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

const KEYWORD = 2; // temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD

/**
 * Registers Recert's search attributes on a server that lacks them. The dev server gets them as flags;
 * a self-hosted cluster gets them here. Temporal Cloud refuses the operator call: there they are created
 * with `tcld`, so a refusal is reported, not fatal.
 */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<string | null> {
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = SEARCH_ATTRIBUTES.filter((k) => !(k.name in (existing.customAttributes ?? {})));
    if (missing.length === 0) return null;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, KEYWORD])),
    });
    return null;
  } catch (err) {
    return `could not register search attributes (${(err as Error).message}); create ${SEARCH_ATTRIBUTES.map((k) => k.name).join(', ')} as Keyword`;
  }
}
