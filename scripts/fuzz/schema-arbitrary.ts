import fc, { type Arbitrary } from 'fast-check';

/** The part of JSON Schema (as @nestjs/swagger writes zod's schemas) the generator understands. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
}

/** Characters of generated text: mostly ASCII, some of the rest of the BMP, a few astral ones. */
const TEXT_UNIT = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 6 },
  { arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCharCode(c)), weight: 3 },
  { arbitrary: fc.constantFrom('🙂', '𝕆', '𐐷'), weight: 1 },
);

/** Past this depth a recursive schema (the scope expression) only takes its non-recursive branches. */
const MAX_DEPTH = 4;

/**
 * Values that a schema accepts, as fast-check arbitraries: the "valid" half of the fuzz. Strings follow
 * their pattern; sizes stay small (a valid huge value is the hostile generator's job).
 */
export class SchemaArbitraries {
  constructor(private readonly components: Record<string, Schema>) {}

  resolve(schema: Schema): Schema {
    if (!schema.$ref) return schema;
    const name = schema.$ref.split('/').pop()!;
    return this.components[name] ?? {};
  }

  valid(schema: Schema, depth = 0): Arbitrary<unknown> {
    // A recursive schema with no way out below this depth: a value it refuses, which is fine for a fuzz.
    if (depth > 3 * MAX_DEPTH) return fc.constant(null);
    const s = this.resolve(schema);
    const next = depth + (schema.$ref ? 1 : 0);
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const choices = s.anyOf ?? s.oneOf;
    if (choices) {
      const usable =
        next >= MAX_DEPTH ? choices.filter((c) => !JSON.stringify(c).includes('"$ref"')) : choices;
      return fc.oneof(...(usable.length ? usable : choices.slice(0, 1)).map((c) => this.valid(c, next)));
    }
    if (s.allOf) return this.valid(Object.assign({}, ...s.allOf.map((p) => this.resolve(p))), next);
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    const nullable = s.nullable || types.includes('null');
    const type = types.find((t) => t !== 'null') ?? (s.properties ? 'object' : undefined);
    const value = this.ofType(type, s, next);
    return nullable ? fc.option(value, { nil: null, freq: 4 }) : value;
  }

  private ofType(type: string | undefined, s: Schema, depth: number): Arbitrary<unknown> {
    switch (type) {
      case 'string':
        return this.string(s);
      case 'integer':
        return fc.integer(range(s));
      case 'number':
        return fc.double({ ...range(s), noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const minLength = s.minItems ?? 0;
        const maxLength = Math.max(minLength, Math.min(s.maxItems ?? 4, minLength + 4));
        return fc.array(this.valid(s.items ?? {}, depth + 1), { minLength, maxLength });
      }
      case 'object':
        return this.object(s, depth);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private string(s: Schema): Arbitrary<string> {
    const minLength = s.minLength ?? 0;
    const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 40, minLength + 40));
    if (s.format === 'uuid') return fc.uuid();
    if (s.format === 'email') return fc.emailAddress();
    if (s.format === 'date-time') {
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    }
    if (s.pattern) {
      try {
        return fc
          .stringMatching(new RegExp(s.pattern))
          .filter((v) => v.length >= minLength && v.length <= (s.maxLength ?? Infinity));
      } catch {
        // A pattern fast-check cannot generate from (a lookahead): plain strings, mostly refused.
      }
    }
    // Lengths are UTF-16 code units, as the API counts them: astral characters (two units) stay rare.
    return fc
      .string({ minLength, maxLength, unit: TEXT_UNIT })
      .filter((v) => v.length <= (s.maxLength ?? Infinity));
  }

  private object(s: Schema, depth: number): Arbitrary<Record<string, unknown>> {
    const props = s.properties ?? {};
    const required = new Set(s.required ?? []);
    const keys = Object.keys(props);
    if (!keys.length) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }));
    return fc.record(Object.fromEntries(keys.map((k) => [k, this.valid(props[k], depth + 1)])), {
      requiredKeys: keys.filter((k) => required.has(k)),
    });
  }
}

/** The schema's bounds, exclusive ones made inclusive; 1,000 wide where it sets none. */
function range(s: Schema): { min: number; max: number } {
  const lowest =
    typeof s.exclusiveMinimum === 'number'
      ? s.exclusiveMinimum + 1
      : s.minimum !== undefined && s.exclusiveMinimum === true
        ? s.minimum + 1
        : s.minimum;
  const highest =
    typeof s.exclusiveMaximum === 'number'
      ? s.exclusiveMaximum - 1
      : s.maximum !== undefined && s.exclusiveMaximum === true
        ? s.maximum - 1
        : s.maximum;
  const min = lowest ?? (highest !== undefined ? highest - 1000 : -1000);
  return { min, max: highest ?? min + 2000 };
}
