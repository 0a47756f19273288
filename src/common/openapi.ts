import type { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';

type SchemaObject = NonNullable<Extract<Parameters<typeof ApiBody>[0], { schema?: unknown }>['schema']>;

/**
 * Schemas that refer to themselves (named with `.meta({ id })`, e.g. the scope expression): JSON Schema
 * keeps them under the schema's own `$defs`, which an OpenAPI document cannot resolve; they become the
 * document's components (see `openApiDocument`).
 */
export const sharedSchemas: Record<string, SchemaObject> = {};

const COMPONENTS = '#/components/schemas/';

function toComponents(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(toComponents);
  if (!json || typeof json !== 'object') return json;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    if (key === '$schema') continue;
    if (key === '$defs') {
      for (const [id, def] of Object.entries(value as Record<string, unknown>)) {
        sharedSchemas[id] = toComponents(def) as SchemaObject;
      }
      continue;
    }
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/$defs/', COMPONENTS)
        : toComponents(value);
  }
  return out;
}

function convert(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  return toComponents(z.toJSONSchema(schema, { io, unrepresentable: 'any' })) as SchemaObject;
}

/** The OpenAPI document shows the same zod schemas that validate requests. */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  return convert(schema, 'input');
}

/** A response body, from the zod schema its view is typed by: the web app's client is generated from it. */
export function openApiResponse(schema: z.ZodType): SchemaObject {
  return convert(schema, 'output');
}

/** A cursor-paged answer of these items (see common/cursor.ts), as the OpenAPI document shows it. */
export function pageView<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
