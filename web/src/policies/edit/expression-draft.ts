import type { components } from '../../api/schema';

export type Expression = components['schemas']['ScopeExpression'];
type Prop = Extract<Expression, { prop: unknown }>['prop'];
export type FieldType = 'text' | 'boolean' | 'timestamptz';
export interface ScopeField {
  name: string;
  type: FieldType;
}

/** The builder's operators: the API's, with "is not empty" (IS_NULL false) spelled out as its own. */
export const BUILDER_OPERATORS = {
  EQUALS: 'is',
  NOT_EQUALS: 'is not',
  IN: 'is one of',
  CONTAINS: 'contains',
  STARTS_WITH: 'starts with',
  GREATER_THAN: 'is greater than / after',
  LESS_THAN: 'is less than / before',
  IS_NULL: 'is empty',
  IS_NOT_NULL: 'is not empty',
} as const;
export type BuilderOperator = keyof typeof BUILDER_OPERATORS;

/** What the server accepts for each type of field (CONTAINS and STARTS_WITH are text only). */
export function operatorsFor(type: FieldType): BuilderOperator[] {
  if (type === 'text') return Object.keys(BUILDER_OPERATORS) as BuilderOperator[];
  if (type === 'boolean') return ['EQUALS', 'NOT_EQUALS', 'IS_NULL', 'IS_NOT_NULL'];
  return ['GREATER_THAN', 'LESS_THAN', 'EQUALS', 'IS_NULL', 'IS_NOT_NULL'];
}

export const needsValue = (op: BuilderOperator) => op !== 'IS_NULL' && op !== 'IS_NOT_NULL';

/** One `Prop` row; the value as typed (IN: comma-separated). */
export interface Condition {
  field: string;
  op: BuilderOperator;
  value: string;
}

/**
 * The editor's state: a flat list of conditions joined by all/any (what most policies need), or the
 * expression as JSON text for anything nested or negated.
 */
export type ExpressionDraft =
  { mode: 'builder'; join: 'and' | 'or'; conditions: Condition[] } | { mode: 'json'; text: string };

export const emptyExpression = (): ExpressionDraft => ({ mode: 'builder', join: 'and', conditions: [] });

const conditionOf = (p: Prop): Condition => {
  if (p.op === 'IS_NULL') {
    const notNull = p.value === false || p.value === 'false';
    return { field: p.name, op: notNull ? 'IS_NOT_NULL' : 'IS_NULL', value: '' };
  }
  const value = p.op === 'IN' ? (p.values ?? [p.value ?? '']).join(', ') : String(p.value ?? '');
  return { field: p.name, op: p.op, value };
};

const flat = (list: Expression[]): Prop[] | null =>
  list.every((e) => 'prop' in e) ? list.map((e) => (e as { prop: Prop }).prop) : null;

/** A stored expression back into the builder when it is flat, else as JSON. */
export function expressionDraftOf(expression: Expression | undefined): ExpressionDraft {
  if (!expression) return emptyExpression();
  const asJson: ExpressionDraft = { mode: 'json', text: JSON.stringify(expression, null, 2) };
  if ('prop' in expression)
    return { mode: 'builder', join: 'and', conditions: [conditionOf(expression.prop)] };
  const join = 'and' in expression ? 'and' : 'or' in expression ? 'or' : null;
  if (!join) return asJson;
  const props = flat(
    join === 'and' ? (expression as { and: Expression[] }).and : (expression as { or: Expression[] }).or,
  );
  return props ? { mode: 'builder', join, conditions: props.map(conditionOf) } : asJson;
}

/** The JSON text did not parse; the form shows the message next to the editor. */
export class ExpressionTextError extends Error {}

const typedValue = (text: string, type: FieldType): string | boolean =>
  type === 'boolean' ? text === 'true' : text.trim();

function propOf(c: Condition, fields: ScopeField[]): Expression {
  const type = fields.find((f) => f.name === c.field)?.type ?? 'text';
  if (c.op === 'IS_NULL') return { prop: { name: c.field, op: 'IS_NULL' } };
  if (c.op === 'IS_NOT_NULL') return { prop: { name: c.field, op: 'IS_NULL', value: false } };
  if (c.op === 'IN') {
    const values = c.value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '')
      .map((v) => typedValue(v, type));
    return { prop: { name: c.field, op: 'IN', values } };
  }
  return { prop: { name: c.field, op: c.op, value: typedValue(c.value, type) } };
}

/**
 * The expression to send, or undefined for "everything". Rows without a field are left out (a row just
 * added); a wrong value is the server's to refuse, naming the row's path.
 */
export function expressionOf(draft: ExpressionDraft, fields: ScopeField[]): Expression | undefined {
  if (draft.mode === 'json') {
    if (draft.text.trim() === '') return undefined;
    try {
      return JSON.parse(draft.text) as Expression;
    } catch (e) {
      throw new ExpressionTextError(`The expression is not valid JSON: ${(e as Error).message}`);
    }
  }
  const props = draft.conditions.filter((c) => c.field !== '').map((c) => propOf(c, fields));
  if (props.length === 0) return undefined;
  if (props.length === 1) return props[0];
  return draft.join === 'and' ? { and: props } : { or: props };
}
