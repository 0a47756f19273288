import { Alert, Button, Stack, Text } from '@mantine/core';
import { ProblemAlert } from '../common/ProblemAlert';
import { useVerifyChain } from './queries';

/** Recomputes the trail's hash chain on the server and says whether it holds, or where it breaks. */
export function VerifyChain() {
  const verify = useVerifyChain();
  const v = verify.data;
  return (
    <Stack gap="xs">
      <Button variant="default" loading={verify.isPending} onClick={() => verify.mutate()} w="fit-content">
        Verify chain
      </Button>
      {verify.isError && <ProblemAlert error={verify.error} title="The chain could not be verified" />}
      {v && v.valid && (
        // Mantine's tinted title is below AA contrast: the verdict is written in the body instead.
        <Alert color="teal" role="status">
          <Text size="sm" fw={700}>
            The chain holds
          </Text>
          <Text size="sm">
            {v.entries} entries verified; head #{v.headSeq}, hash <code>{v.headHash}</code>.
          </Text>
        </Alert>
      )}
      {v && !v.valid && (
        <Alert color="red" title="The chain is broken" role="alert">
          <Text size="sm">
            Entry #{v.firstBroken?.seq}
            {v.firstBroken?.id ? ` (${v.firstBroken.id})` : ''}: {v.firstBroken?.reason}. {v.entries} entries
            read.
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
