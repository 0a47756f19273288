import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useNavigate, useRouteError } from 'react-router';

/**
 * What a page that failed shows in its place, under the header: what happened in people's words and a way
 * on. Never the error's text or stack, which say nothing to a reviewer and may say too much to anyone else;
 * the browser's console keeps them for whoever investigates.
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const navigate = useNavigate();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  console.error(error);
  return (
    <Stack maw={640}>
      <Title order={1}>{missing ? 'Page not found' : 'This page stopped working'}</Title>
      <Alert
        color="red"
        role="alert"
        title={missing ? 'There is nothing at this address.' : 'Something went wrong'}
      >
        <Text size="sm">
          {missing
            ? 'The link may be old or mistyped.'
            : 'The page met something it did not expect and could not go on. What was already saved is kept: reload the page to try again, or go back.'}
        </Text>
      </Alert>
      <Group>
        <Button onClick={() => window.location.reload()}>Reload the page</Button>
        <Button variant="default" onClick={() => void navigate(-1)}>
          Go back
        </Button>
        <Anchor component={Link} to="/">
          My reviews
        </Anchor>
      </Group>
    </Stack>
  );
}
