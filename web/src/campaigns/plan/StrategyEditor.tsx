import { ActionIcon, Button, Group, Input, List, Menu, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';

export const REVIEWER_RULES = {
  linemanager: 'Line manager of the person',
  applicationowner: 'Owner of the application',
  permissionowner: 'Owner of the permission',
  accountowner: 'Owner of the account',
  groupowner: 'Owner of the group (group permissions)',
  repositoryowner: 'Owner of the repository',
  myself: 'The person themselves',
  default: 'The default reviewer',
} as const;
export type ReviewerRule = keyof typeof REVIEWER_RULES;

/** Rules that name someone through a permission: an account campaign has none. */
export const PERMISSION_RULES: ReviewerRule[] = ['permissionowner', 'groupowner'];

/** The reviewer strategy: rules tried in order until one names an active person other than the reviewed one. */
export function StrategyEditor({
  value,
  onChange,
  readOnly = false,
  exclude = [],
}: {
  value: ReviewerRule[];
  onChange: (v: ReviewerRule[]) => void;
  readOnly?: boolean;
  /** Rules not offered. */
  exclude?: ReviewerRule[];
}) {
  const move = (from: number, to: number) => {
    const next = [...value];
    [next[from], next[to]] = [next[to], next[from]];
    onChange(next);
  };
  const unused = (Object.keys(REVIEWER_RULES) as ReviewerRule[]).filter(
    (r) => !value.includes(r) && !exclude.includes(r),
  );
  return (
    <Input.Wrapper
      label="Reviewer strategy"
      description="Tried from the top; the first rule that names an active person decides who reviews an item."
    >
      <List type="ordered" aria-label="Reviewer strategy" mt="xs" spacing={4}>
        {value.map((rule, n) => (
          <List.Item key={rule}>
            <Group gap="xs">
              <Text size="sm" miw={280}>
                {REVIEWER_RULES[rule]}
              </Text>
              {!readOnly && (
                <>
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Move ${REVIEWER_RULES[rule]} up`}
                    disabled={n === 0}
                    onClick={() => move(n, n - 1)}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Move ${REVIEWER_RULES[rule]} down`}
                    disabled={n === value.length - 1}
                    onClick={() => move(n, n + 1)}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    aria-label={`Remove ${REVIEWER_RULES[rule]}`}
                    disabled={value.length === 1}
                    onClick={() => onChange(value.filter((r) => r !== rule))}
                  >
                    <IconX size={16} aria-hidden />
                  </ActionIcon>
                </>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
      {!readOnly && unused.length > 0 && (
        <Menu>
          <Menu.Target>
            <Button variant="default" size="xs" mt="xs">
              Add a rule
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {unused.map((rule) => (
              <Menu.Item key={rule} onClick={() => onChange([...value, rule])}>
                {REVIEWER_RULES[rule]}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
    </Input.Wrapper>
  );
}
