import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { LedgerText } from '../common/LedgerText';
import { STATUS_LABEL } from '../reviews';
import { formatDate } from '../common/format';
import type { AssignmentListItem } from './queries';

/** When a reviewer last saw this access, and what they decided: the audit question about an assignment. */
export function LastCertification({ assignment }: { assignment: AssignmentListItem }) {
  const last = assignment.lastCertification;
  const certified = assignment.lastCertifiedAt && `last approved ${formatDate(assignment.lastCertifiedAt)}`;
  if (!last)
    return <Text size="sm">{certified ? `Not reviewed here; ${certified}` : 'Never certified'}</Text>;
  const open = last.status === 'to_be_reviewed' || last.status === 'reassign';
  return (
    <Text size="sm">
      {open ? 'In review' : STATUS_LABEL[last.status]}
      {last.decidedAt && !open && ` on ${formatDate(last.decidedAt)}`}
      {last.decidedBy && !open && (
        <>
          {' by '}
          <LedgerText>{last.decidedBy}</LedgerText>
        </>
      )}
      {' · '}
      <Anchor component={Link} to={`/campaigns/${last.campaignId}`} size="sm">
        {last.campaignNumber} {last.campaignTitle}
      </Anchor>
      {open && certified && ` · ${certified}`}
    </Text>
  );
}
