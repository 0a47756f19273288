import { z } from 'zod';
import { FieldError, invalidFields } from '../../common/domain-error';

export const OPERATORS = [
  'EQUALS',
  'NOT_EQUALS',
  'IN',
  'CONTAINS',
  'STARTS_WITH',
  'GREATER_THAN',
  'LESS_THAN',
  'IS_NULL',
] as const;
export type Operator = (typeof OPERATORS)[number];

type Scalar = string | number | boolean;

/** Seed 002's search expression: `Prop` leaves combined with AND, OR and NOT. */
export type Expression =
  | { prop: { name: string; op: Operator; value?: Scalar | null; values?: Scalar[] } }
  | { and: Expression[] }
  | { or: Expression[] }
  | { not: Expression };

const scalar = z.union([z.string().max(1000), z.number(), z.boolean()]);

export const expressionSchema: z.ZodType<Expression> = z
  .lazy(() =>
    z.union([
      z.strictObject({
        prop: z.strictObject({
          name: z.string().min(1).max(100),
          op: z.enum(OPERATORS),
          value: scalar.nullish(),
          values: z.array(scalar).min(1).max(1000).optional(),
        }),
      }),
      z.strictObject({ and: z.array(expressionSchema).min(1).max(50) }),
      z.strictObject({ or: z.array(expressionSchema).min(1).max(50) }),
      z.strictObject({ not: expressionSchema }),
    ]),
  )
  .meta({ id: 'ScopeExpression' });

/** Seed 002's expressions are a few levels deep; far deeper ones only serve to exhaust the stack. */
export const MAX_EXPRESSION_DEPTH = 32;

/** How deeply AND, OR and NOT nest in a (not yet validated) expression, counted without recursion. */
export function expressionDepth(value: unknown): number {
  let deepest = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_EXPRESSION_DEPTH) break;
    const { and, or, not } = node as { and?: unknown; or?: unknown; not?: unknown };
    for (const children of [and, or]) {
      if (Array.isArray(children)) for (const c of children) stack.push({ node: c, depth: depth + 1 });
    }
    if (not !== undefined) stack.push({ node: not, depth: depth + 1 });
  }
  return deepest;
}

/**
 * An expression checked for depth before the recursive schema walks it (a transform first, so that the
 * OpenAPI document still shows the expression's own schema).
 */
export const boundedExpressionSchema = z
  .transform((value: unknown, ctx) => {
    if (expressionDepth(value) <= MAX_EXPRESSION_DEPTH) return value;
    ctx.addIssue({
      code: 'custom',
      input: value,
      message: `nests AND, OR and NOT deeper than ${MAX_EXPRESSION_DEPTH} levels`,
    });
    return z.NEVER;
  })
  .pipe(expressionSchema);

type FieldType = 'text' | 'boolean' | 'timestamptz';

/** The allow-list: a field name maps to a fixed SQL column of the scope query and its type. */
interface FieldSpec {
  column: string;
  type: FieldType;
}

const IDENTITY: Record<string, FieldSpec> = {
  id: { column: 'i.key', type: 'text' },
  name: { column: 'i.display_name', type: 'text' },
  displayName: { column: 'i.display_name', type: 'text' },
  email: { column: 'i.email', type: 'text' },
  department: { column: 'i.department', type: 'text' },
  jobTitle: { column: 'i.job_title', type: 'text' },
  type: { column: 'i.type', type: 'text' },
  status: { column: 'i.status', type: 'text' },
  'manager.id': { column: 'm.key', type: 'text' },
};

const prefixed = (prefix: string, fields: Record<string, FieldSpec>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}.${k}`, v]));

const PERMISSION: Record<string, FieldSpec> = {
  id: { column: 'p.key', type: 'text' },
  name: { column: 'p.name', type: 'text' },
  kind: { column: 'p.kind', type: 'text' },
  critical: { column: 'p.critical', type: 'boolean' },
  'owner.id': { column: 'po.key', type: 'text' },
};

const ASSIGNMENT: Record<string, FieldSpec> = {
  ...prefixed('role', PERMISSION),
  ...prefixed('permission', PERMISSION),
  'application.id': { column: 'ap.key', type: 'text' },
  'application.name': { column: 'ap.name', type: 'text' },
  'application.owner.id': { column: 'apo.key', type: 'text' },
  'account.id': { column: 'ac.key', type: 'text' },
  'account.login': { column: 'ac.login', type: 'text' },
  'account.status': { column: 'ac.status', type: 'text' },
  'account.lastLoginAt': { column: 'ac.last_login_at', type: 'timestamptz' },
  'assignment.id': { column: 'a.key', type: 'text' },
  'assignment.origin': { column: 'a.origin', type: 'text' },
  'assignment.compliance': { column: 'a.compliance', type: 'text' },
  'assignment.assignedAt': { column: 'a.assigned_at', type: 'timestamptz' },
  'assignment.lastCertifiedAt': { column: 'a.last_certified_at', type: 'timestamptz' },
  ...prefixed('identity', IDENTITY),
};

export type ScopeKind = 'identity' | 'assignment';
const FIELDS: Record<ScopeKind, Record<string, FieldSpec>> = { identity: IDENTITY, assignment: ASSIGNMENT };

/** The fields an expression may name for a scope, with their types: what an expression editor offers. */
export function scopeFields(kind: ScopeKind): { name: string; type: FieldType }[] {
  return Object.entries(FIELDS[kind]).map(([name, spec]) => ({ name, type: spec.type }));
}

/**
 * Compiles an expression to a SQL condition over the scope query's aliases (i, m, a, p, po, ap, apo, ac).
 * Field names only select entries of the allow-list; every value becomes a bind parameter appended to
 * `params`. Errors name the path of the offending node.
 */
export class ExpressionCompiler {
  private readonly errors: FieldError[] = [];

  constructor(
    private readonly kind: ScopeKind,
    private readonly params: unknown[],
  ) {}

  compile(expr: Expression, path: string): string {
    const sql = this.node(expr, path);
    if (this.errors.length > 0) throw invalidFields(this.errors);
    return sql;
  }

  private node(expr: Expression, path: string): string {
    if ('and' in expr) return `(${expr.and.map((e, n) => this.node(e, `${path}.and[${n}]`)).join(' AND ')})`;
    if ('or' in expr) return `(${expr.or.map((e, n) => this.node(e, `${path}.or[${n}]`)).join(' OR ')})`;
    if ('not' in expr) return `(NOT coalesce(${this.node(expr.not, `${path}.not`)}, false))`;
    return this.prop(expr.prop, `${path}.prop`);
  }

  private bind(value: unknown, type: FieldType): string {
    this.params.push(value);
    return `$${this.params.length}::${type}`;
  }

  private typed(raw: Scalar, spec: FieldSpec, path: string): unknown {
    if (spec.type === 'boolean') {
      if (raw === true || raw === 'true') return true;
      if (raw === false || raw === 'false') return false;
      this.errors.push({ field: path, message: 'must be true or false for this field' });
      return null;
    }
    if (spec.type === 'timestamptz') {
      const text = String(raw);
      if (Number.isNaN(Date.parse(text))) {
        this.errors.push({ field: path, message: 'must be an ISO 8601 date-time for this field' });
        return null;
      }
      return text;
    }
    return String(raw);
  }

  private prop(p: Extract<Expression, { prop: unknown }>['prop'], path: string): string {
    const fields = FIELDS[this.kind];
    const spec = Object.hasOwn(fields, p.name) ? fields[p.name] : undefined;
    if (!spec) {
      this.errors.push({ field: `${path}.name`, message: `unknown field "${p.name}"` });
      return 'false';
    }
    const col = spec.column;
    if (p.op === 'IS_NULL') {
      const wanted =
        p.value === undefined || p.value === null
          ? true
          : this.typed(p.value, { column: '', type: 'boolean' }, `${path}.value`);
      return wanted === false ? `(${col} IS NOT NULL)` : `(${col} IS NULL)`;
    }
    if (p.op === 'IN') {
      const values = p.values ?? (p.value === undefined || p.value === null ? undefined : [p.value]);
      if (!values) {
        this.errors.push({ field: `${path}.values`, message: 'IN needs a list of values' });
        return 'false';
      }
      const typed = values.map((v, n) => this.typed(v, spec, `${path}.values[${n}]`));
      return `(${col} = ANY(${this.bind(typed, `${spec.type}[]` as FieldType)}))`;
    }
    if (p.value === undefined || p.value === null) {
      this.errors.push({ field: `${path}.value`, message: `${p.op} needs a value` });
      return 'false';
    }
    if ((p.op === 'CONTAINS' || p.op === 'STARTS_WITH') && spec.type !== 'text') {
      this.errors.push({ field: `${path}.op`, message: `${p.op} applies to text fields only` });
      return 'false';
    }
    const value = this.typed(p.value, spec, `${path}.value`);
    switch (p.op) {
      case 'EQUALS':
        return `(${col} = ${this.bind(value, spec.type)})`;
      case 'NOT_EQUALS':
        return `(${col} IS DISTINCT FROM ${this.bind(value, spec.type)})`;
      case 'CONTAINS':
        return `(strpos(lower(${col}), lower(${this.bind(value, 'text')})) > 0)`;
      case 'STARTS_WITH':
        return `(left(${col}, length(${this.bind(value, 'text')})) = $${this.params.length}::text)`;
      case 'GREATER_THAN':
        return `(${col} > ${this.bind(value, spec.type)})`;
      case 'LESS_THAN':
        return `(${col} < ${this.bind(value, spec.type)})`;
    }
  }
}
