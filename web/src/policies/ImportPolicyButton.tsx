import { Button, FileButton, Stack, Text } from '@mantine/core';
import { ProblemAlert } from '../common/ProblemAlert';
import { useImportPolicy } from './queries';

/** Imports a policy exported from another system in seed 002's XML form; an existing id is replaced. */
export function ImportPolicyButton() {
  const upload = useImportPolicy();
  return (
    <Stack gap="xs" align="flex-end">
      <FileButton accept=".xml,application/xml,text/xml" onChange={(f) => f && upload.mutate(f)}>
        {(props) => (
          <Button {...props} loading={upload.isPending}>
            Import XML policy
          </Button>
        )}
      </FileButton>
      {upload.isSuccess && (
        <Text size="sm" role="status">
          Imported “{upload.data.name}” ({upload.data.id}).
        </Text>
      )}
      {upload.isError && <ProblemAlert error={upload.error} title="The policy was not imported" />}
    </Stack>
  );
}
