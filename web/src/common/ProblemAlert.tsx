import { Alert, List } from '@mantine/core';
import { ProblemError } from '../api/problem';

/** An error as the person can act on it: the server's reason, and each field it refused. */
export function ProblemAlert({ error, title = 'Refused' }: { error: Error; title?: string }) {
  const fields = error instanceof ProblemError ? (error.problem.errors ?? []) : [];
  return (
    <Alert color="red" role="alert" title={title}>
      {error.message}
      {fields.length > 0 && (
        <List size="sm" mt="xs">
          {fields.map((f) => (
            <List.Item key={`${f.line ?? ''}:${f.field}:${f.message}`}>
              {f.line ? `line ${f.line}, ` : ''}
              {f.field}: {f.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
