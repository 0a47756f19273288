import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSession } from './session';

/**
 * A page only administrators use (a form that changes something), reached by a typed address: others are
 * told so instead of filling in a form the API would refuse.
 */
export function AdminOnly({ refusal, children }: { refusal: string; children: ReactNode }) {
  if (useSession().roles.includes('admin')) return children;
  return (
    <Alert color="red" role="alert" title="Not allowed" maw={560}>
      {refusal}
    </Alert>
  );
}
