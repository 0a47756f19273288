import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import {
  BUILDER_OPERATORS,
  type Condition,
  type ExpressionDraft,
  expressionDraftOf,
  expressionOf,
  ExpressionTextError,
  needsValue,
  operatorsFor,
  type ScopeField,
} from './expression-draft';

const VALUE_HINT: Record<string, string> = {
  IN: 'Values separated by commas',
  timestamptz: 'An ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z',
};

function ConditionRow(props: {
  n: number;
  scope: string;
  condition: Condition;
  fields: ScopeField[];
  onChange: (c: Condition) => void;
  onRemove: () => void;
  readOnly: boolean;
}) {
  const { condition: c, n, scope } = props;
  const type = props.fields.find((f) => f.name === c.field)?.type ?? 'text';
  const name = `${scope} condition ${n + 1}`;
  const operators = operatorsFor(type);
  return (
    <Group align="end" gap="xs" wrap="nowrap">
      <Select
        aria-label={`${name} field`}
        placeholder="Field"
        searchable
        data={props.fields.map((f) => f.name)}
        value={c.field || null}
        onChange={(field) => {
          const next = props.fields.find((f) => f.name === field)?.type ?? 'text';
          const op = operatorsFor(next).includes(c.op) ? c.op : operatorsFor(next)[0];
          props.onChange({ field: field ?? '', op, value: next === 'boolean' ? 'true' : c.value });
        }}
        w={240}
      />
      <Select
        aria-label={`${name} operator`}
        data={operators.map((op) => ({ value: op, label: BUILDER_OPERATORS[op] }))}
        value={c.op}
        onChange={(op) => op && props.onChange({ ...c, op: op as Condition['op'] })}
        allowDeselect={false}
        w={200}
      />
      {needsValue(c.op) &&
        (type === 'boolean' ? (
          <Select
            aria-label={`${name} value`}
            data={['true', 'false']}
            value={c.value === 'false' ? 'false' : 'true'}
            onChange={(v) => v && props.onChange({ ...c, value: v })}
            allowDeselect={false}
            w={120}
          />
        ) : (
          <TextInput
            aria-label={`${name} value`}
            placeholder={VALUE_HINT[c.op === 'IN' ? 'IN' : type] ?? 'Value'}
            value={c.value}
            onChange={(e) => props.onChange({ ...c, value: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
        ))}
      {!props.readOnly && (
        <ActionIcon
          variant="subtle"
          color="red.9"
          aria-label={`Remove ${name}`}
          onClick={props.onRemove}
          mb={4}
        >
          <IconX size={16} aria-hidden />
        </ActionIcon>
      )}
    </Group>
  );
}

/** The draft as JSON for the JSON mode, and back when the builder can show it. */
function toJson(draft: ExpressionDraft, fields: ScopeField[]): string {
  const expression = expressionOf(draft, fields);
  return expression ? JSON.stringify(expression, null, 2) : '';
}

function builderOf(text: string): ExpressionDraft | null {
  try {
    const draft = expressionDraftOf(text.trim() ? JSON.parse(text) : undefined);
    return draft.mode === 'builder' ? draft : null;
  } catch {
    return null;
  }
}

/**
 * Seed 002's search expression for one scope: conditions on the fields the server names (GET
 * /api/v1/scope-language), all or any of them; nested AND/OR/NOT in JSON.
 */
export function ExpressionEditor(props: {
  legend: string;
  everything: string;
  fields: ScopeField[];
  value: ExpressionDraft;
  onChange: (v: ExpressionDraft) => void;
  readOnly: boolean;
}) {
  const { value, fields, onChange } = props;
  const fromJson = value.mode === 'json' ? builderOf(value.text) : null;
  let jsonError: string | null = null;
  try {
    expressionOf(value, fields);
  } catch (e) {
    if (e instanceof ExpressionTextError) jsonError = e.message;
  }
  const setConditions = (conditions: Condition[]) =>
    value.mode === 'builder' && onChange({ ...value, conditions });
  return (
    <Fieldset legend={props.legend}>
      <Stack gap="xs">
        <SegmentedControl
          aria-label={`${props.legend}: how to edit`}
          data={[
            { value: 'builder', label: 'Conditions', disabled: value.mode === 'json' && !fromJson },
            { value: 'json', label: 'JSON' },
          ]}
          value={value.mode}
          onChange={(mode) => {
            if (mode === 'json' && value.mode === 'builder')
              onChange({ mode: 'json', text: toJson(value, fields) });
            if (mode === 'builder' && fromJson) onChange(fromJson);
          }}
          w="fit-content"
        />
        {value.mode === 'builder' ? (
          <>
            {value.conditions.length > 1 && (
              <Select
                label="Match"
                data={[
                  { value: 'and', label: 'All of the conditions' },
                  { value: 'or', label: 'Any of the conditions' },
                ]}
                value={value.join}
                onChange={(join) => join && onChange({ ...value, join: join as 'and' | 'or' })}
                allowDeselect={false}
                w={240}
              />
            )}
            {value.conditions.length === 0 && (
              <Text size="sm" c="dimmed">
                No condition: {props.everything}.
              </Text>
            )}
            {value.conditions.map((c, n) => (
              <ConditionRow
                key={n}
                n={n}
                scope={props.legend}
                condition={c}
                fields={fields}
                onChange={(next) => setConditions(value.conditions.map((old, m) => (m === n ? next : old)))}
                onRemove={() => setConditions(value.conditions.filter((_, m) => m !== n))}
                readOnly={props.readOnly}
              />
            ))}
            {!props.readOnly && (
              <Button
                variant="default"
                size="xs"
                w="fit-content"
                onClick={() => setConditions([...value.conditions, { field: '', op: 'EQUALS', value: '' }])}
              >
                Add a condition
              </Button>
            )}
          </>
        ) : (
          <>
            <Textarea
              label={`${props.legend} (JSON)`}
              description='Seed 002’s expression: {"prop": {"name", "op", "value"}} leaves in {"and": […]}, {"or": […]} and {"not": …}; empty for everything.'
              autosize
              minRows={4}
              styles={{ input: { fontFamily: 'monospace' } }}
              value={value.text}
              onChange={(e) => onChange({ mode: 'json', text: e.currentTarget.value })}
              error={jsonError}
            />
            {!fromJson && !jsonError && (
              <Text size="sm" c="dimmed">
                This expression nests or negates conditions; it is edited as JSON.
              </Text>
            )}
          </>
        )}
      </Stack>
    </Fieldset>
  );
}
