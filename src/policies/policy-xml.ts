import { XMLParser } from 'fast-xml-parser';
import { invalid } from '../common/domain-error';
import type { PolicyInput } from './policy.schema';
import { MAX_EXPRESSION_DEPTH, type Expression } from '../domain/scope/scope-expression';

/**
 * Seed 002's XML form of a recertification policy. Reading ignores namespace prefixes (the seed binds
 * many); Recert's own additions to `workflowStrategy` (reviewers, due date, campaign options) are plain
 * child elements, absent from the seed's example, which then takes their defaults.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Character references (`&#233;`, `&#x263A;`) are text, not literal ampersands.
  htmlEntities: true,
  isArray: (name) => ['value', 'objectType', 'tag', 'rule', 'Prop', 'And', 'Or', 'Not'].includes(name),
});

type Node = Record<string, unknown>;

const text = (v: unknown): string | undefined =>
  v === undefined || v === null
    ? undefined
    : typeof v === 'object'
      ? String((v as Node)['#text'] ?? '')
      : String(v);

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);

/** The expressions directly inside an element, in the order Prop, And, Or, Not. */
function partsOf(node: Node | undefined, path: string, depth = 1): Expression[] {
  if (!node || typeof node !== 'object') return [];
  if (depth > MAX_EXPRESSION_DEPTH) {
    throw invalid(`${path}: nested deeper than ${MAX_EXPRESSION_DEPTH} levels`, [
      { field: path, message: `And, Or and Not nest deeper than ${MAX_EXPRESSION_DEPTH} levels` },
    ]);
  }
  const parts: Expression[] = [];
  for (const prop of list(node.Prop) as Node[]) {
    const values = list(prop.value).map((v) => text(v) ?? '');
    const op = String(prop['@op'] ?? 'EQUALS') as Extract<Expression, { prop: unknown }>['prop']['op'];
    const name = String(prop['@name'] ?? '');
    parts.push({
      prop:
        op === 'IN' ? { name, op, values } : { name, op, ...(values.length > 0 ? { value: values[0] } : {}) },
    });
  }
  for (const and of list(node.And) as Node[]) parts.push({ and: partsOf(and, `${path}.And`, depth + 1) });
  for (const or of list(node.Or) as Node[]) parts.push({ or: partsOf(or, `${path}.Or`, depth + 1) });
  for (const not of list(node.Not) as Node[]) {
    const inner = partsOf(not, `${path}.Not`, depth + 1);
    if (inner.length !== 1) {
      throw invalid(`${path}.Not: must hold exactly one expression`, [
        { field: `${path}.Not`, message: 'must hold exactly one expression' },
      ]);
    }
    parts.push({ not: inner[0] });
  }
  return parts;
}

/** A search expression element: its one expression, or the AND of several. */
function expressionOf(node: Node | undefined, path: string): Expression | undefined {
  const parts = partsOf(node, path);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

/** Parses the XML into the JSON form the API validates (so every rule applies to both). */
export function policyFromXml(xml: string): Record<string, unknown> {
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (err) {
    throw invalid(`body: not well-formed XML (${(err as Error).message.split('\n')[0]})`, [
      { field: 'body', message: 'not well-formed XML' },
    ]);
  }
  const root = doc.RecertificationPolicy as Node | undefined;
  if (!root) {
    throw invalid('body: the root element must be RecertificationPolicy', [
      { field: 'body', message: 'the root element must be RecertificationPolicy' },
    ]);
  }
  const idScope = (root.identityScope ?? {}) as Node;
  const raScope = (root.roleAssignmentScope ?? {}) as Node;
  const plan = root.campaignExecutionPlan as Node | undefined;
  const ws = (root.workflowStrategy ?? {}) as Node;
  const reviewers = ws.reviewers as Node | undefined;
  const activeText = text(root.active);
  return {
    id: root['@id'],
    name: text(root.name),
    description: text(root.description) ?? '',
    active: activeText === 'true' ? true : activeText === 'false' ? false : activeText,
    identityScope: {
      expression: expressionOf(idScope.searchExpression as Node, 'identityScope.searchExpression'),
      objectTypes: list((idScope.objectTypes as Node | undefined)?.objectType).map((t) => text(t)),
    },
    roleAssignmentScope: {
      expression: expressionOf(raScope.searchExpression as Node, 'roleAssignmentScope.searchExpression'),
    },
    recertificationPeriod: text(root.recertificationPeriod) ?? null,
    campaignExecutionPlan: plan
      ? text(plan.scheduleType) === 'CRON'
        ? { scheduleType: 'CRON', cron: text(plan.cron) }
        : {
            scheduleType: text(plan.scheduleType),
            interval: text(plan.interval),
            intervalUnit: text(plan.intervalUnit),
          }
      : null,
    workflowStrategy: {
      type: ws['@type'] ? String(ws['@type']).replace(/^.*:/, '') : undefined,
      ...(reviewers
        ? {
            reviewers: {
              strategy: list((reviewers.strategy as Node | undefined)?.rule).map((r) => text(r)),
              defaultReviewerKey: text(reviewers.defaultReviewer) ?? null,
            },
          }
        : {}),
      ...(ws.dueIn ? { dueIn: text(ws.dueIn) } : {}),
      ...(ws.onDueDate ? { onDueDate: text(ws.onDueDate) } : {}),
      ...(ws.priority ? { priority: Number(text(ws.priority)) } : {}),
      ...(ws.campaignOptions ? { options: parseOptions(text(ws.campaignOptions)!) } : {}),
      readOnlyDimensionTags: list((ws.readOnlyDimensionTags as Node | undefined)?.tag).map((t) => text(t)),
      readWriteDimensionTags: list((ws.readWriteDimensionTags as Node | undefined)?.tag).map((t) => text(t)),
    },
  };
}

function parseOptions(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw invalid('workflowStrategy.campaignOptions: must hold a JSON object', [
      { field: 'workflowStrategy.campaignOptions', message: 'must hold a JSON object' },
    ]);
  }
}

const escape = (v: string) =>
  v.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

function expressionXml(e: Expression, indent: string): string {
  if ('prop' in e) {
    const values =
      e.prop.op === 'IN'
        ? (e.prop.values ?? [])
        : e.prop.value === undefined || e.prop.value === null
          ? []
          : [e.prop.value];
    const inner = values
      .map((v) => `${indent}   <value script="false">${escape(String(v))}</value>\n`)
      .join('');
    return `${indent}<search:Prop op="${e.prop.op}" name="${escape(e.prop.name)}">\n${inner}${indent}</search:Prop>\n`;
  }
  const [tag, items] = 'and' in e ? ['And', e.and] : 'or' in e ? ['Or', e.or] : ['Not', [e.not]];
  return `${indent}<search:${tag}>\n${items.map((i) => expressionXml(i, `${indent}   `)).join('')}${indent}</search:${tag}>\n`;
}

const tags = (name: string, values: string[], indent: string) =>
  `${indent}<${name}>\n${values.map((v) => `${indent}   <tag>${escape(v)}</tag>\n`).join('')}${indent}</${name}>\n`;

export function policyToXml(p: PolicyInput): string {
  const i = '   ';
  const expr = (e: Expression | undefined) =>
    e ? `${i}${i}<searchExpression>\n${expressionXml(e, `${i}${i}${i}`)}${i}${i}</searchExpression>\n` : '';
  const plan = p.campaignExecutionPlan;
  const ws = p.workflowStrategy;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ctdbum:RecertificationPolicy id="${escape(p.id)}" xmlns:ctdbum="http://www.memority.com/citadel/bum/1_0" ` +
    `xmlns:search="http://www.memority.com/toolkit/search-expression/1_0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n` +
    `${i}<name>${escape(p.name)}</name>\n` +
    `${i}<description>${escape(p.description)}</description>\n` +
    `${i}<active>${p.active}</active>\n` +
    `${i}<identityScope type="EXPRESSION" objectKind="IDENTITY">\n${expr(p.identityScope.expression)}` +
    `${i}${i}<objectTypes>\n${p.identityScope.objectTypes.map((t) => `${i}${i}${i}<objectType>${escape(t)}</objectType>\n`).join('')}${i}${i}</objectTypes>\n` +
    `${i}</identityScope>\n` +
    `${i}<roleAssignmentScope type="EXPRESSION">\n${expr(p.roleAssignmentScope.expression)}${i}</roleAssignmentScope>\n` +
    (p.recertificationPeriod
      ? `${i}<recertificationPeriod>${escape(p.recertificationPeriod)}</recertificationPeriod>\n`
      : '') +
    (plan
      ? `${i}<campaignExecutionPlan>\n${i}${i}<scheduleType>${plan.scheduleType}</scheduleType>\n` +
        (plan.scheduleType === 'CRON'
          ? `${i}${i}<cron>${escape(plan.cron)}</cron>\n`
          : `${i}${i}<interval>${plan.interval}</interval>\n${i}${i}<intervalUnit>${plan.intervalUnit}</intervalUnit>\n`) +
        `${i}</campaignExecutionPlan>\n`
      : '') +
    `${i}<workflowStrategy xsi:type="ctdbum:${escape(ws.type)}">\n` +
    tags('readOnlyDimensionTags', ws.readOnlyDimensionTags, `${i}${i}`) +
    tags('readWriteDimensionTags', ws.readWriteDimensionTags, `${i}${i}`) +
    `${i}${i}<reviewers>\n${i}${i}${i}<strategy>\n${ws.reviewers.strategy.map((r) => `${i}${i}${i}${i}<rule>${r}</rule>\n`).join('')}${i}${i}${i}</strategy>\n` +
    (ws.reviewers.defaultReviewerKey
      ? `${i}${i}${i}<defaultReviewer>${escape(ws.reviewers.defaultReviewerKey)}</defaultReviewer>\n`
      : '') +
    `${i}${i}</reviewers>\n` +
    `${i}${i}<dueIn>${escape(ws.dueIn)}</dueIn>\n${i}${i}<onDueDate>${ws.onDueDate}</onDueDate>\n` +
    `${i}${i}<priority>${ws.priority}</priority>\n` +
    `${i}${i}<campaignOptions>${escape(JSON.stringify(ws.options))}</campaignOptions>\n` +
    `${i}</workflowStrategy>\n` +
    `</ctdbum:RecertificationPolicy>\n`
  );
}
