import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { FieldError, invalidFields } from './domain-error';

/** Renders a zod path as a JSON-ish field name: `assignments[3].identityKey`. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

export function toFieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => ({
    field: fieldName(issue.path) || prefix || '(body)',
    message: issue.message,
  }));
}

/** The value as `schema` parses it, or a 400 problem naming each wrong field (the first 50). */
export function validated<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalidFields(toFieldErrors(parsed.error, prefix).slice(0, 50));
}

export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly where: 'body' | 'query' = 'body',
  ) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.infer<S> {
    // A path parameter is named by its route name (`id`), not as if it were the body.
    const prefix = metadata?.type === 'param' && metadata.data ? metadata.data : '';
    return validated(this.schema, value ?? (this.where === 'query' ? {} : undefined), prefix);
  }
}
