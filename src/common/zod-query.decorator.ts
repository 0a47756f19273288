import { Query } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiSchema } from './openapi';
import { ZodValidationPipe } from './zod-validation.pipe';

type ParameterSchema = Extract<Parameters<typeof ApiQuery>[0], { schema: unknown }>['schema'];

/**
 * `@Query` validated by a zod object schema, whose fields the OpenAPI document lists as the operation's
 * query parameters: one schema both checks requests and tells clients what they may send.
 */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  const json = openApiSchema(schema) as { properties?: Record<string, ParameterSchema>; required?: string[] };
  return (target, key, index) => {
    Query(new ZodValidationPipe(schema, 'query'))(target, key, index);
    const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property })(
        target,
        key!,
        descriptor,
      );
    }
  };
}
