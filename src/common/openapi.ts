import type { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';

type SchemaObject = NonNullable<Extract<Parameters<typeof ApiBody>[0], { schema?: unknown }>['schema']>;

/** The OpenAPI document shows the same zod schemas that validate requests. */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as SchemaObject;
}
