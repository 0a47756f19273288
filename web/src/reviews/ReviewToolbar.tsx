import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog, type ConfirmRequest } from '../common/ConfirmDialog';
import { BulkConfirm, type BulkRequest } from './BulkConfirm';
import { needsComment } from './decisions';
import type { ReviewItem } from './queries';
import type { ReviewActions } from './useReviewActions';
import type { Selection } from './useSelection';

/**
 * What the reviewer does to many items at once, each asked first: approve the recommended or the selected,
 * revoke the selected, discard the drafts, confirm them.
 */
export function ReviewToolbar(props: {
  items: ReviewItem[];
  drafts: number;
  open: boolean;
  commentRequired: 'never' | 'revoke' | 'always';
  selection: Selection;
  actions: ReviewActions;
  onHelp: () => void;
}) {
  const { items, drafts, open, selection, actions } = props;
  const [bulkRequest, setBulkRequest] = useState<BulkRequest | null>(null);
  const [confirmRequest, setConfirmRequest] = useState<ConfirmRequest | null>(null);
  const selected = items.filter((i) => selection.selected.has(i.id));
  const recommended = items.filter(
    (i) => i.recommendation === 'recommended' && i.status === 'to_be_reviewed' && !i.draft,
  );

  const bulk = (decision: 'approve' | 'revoke', targets: ReviewItem[]) => {
    if (targets.length === 0) return;
    if (needsComment(props.commentRequired, decision)) {
      actions.setPageError(`This campaign requires a comment to ${decision}: decide those items one by one.`);
      return;
    }
    setBulkRequest({
      decision,
      items: targets,
      run: (chosen) =>
        actions.decideNow.mutate(
          chosen.map((i) => ({ itemId: i.id, decision })),
          { onSuccess: selection.clear },
        ),
    });
  };
  const askDiscard = () => {
    const withComment = items.filter((i) => i.draft?.comment).length;
    setConfirmRequest({
      title: `Discard ${drafts} unconfirmed ${drafts === 1 ? 'decision' : 'decisions'}?`,
      body: (
        <Text size="sm">
          {drafts === 1 ? 'This draft' : `These ${drafts} drafts`}
          {withComment > 0
            ? ` and ${withComment} ${withComment === 1 ? 'comment' : 'comments'} with them`
            : ''}{' '}
          will be dropped: the items go back to their last confirmed decision. This cannot be undone.
        </Text>
      ),
      confirmLabel: `Discard ${drafts}`,
      color: 'red.9',
      run: () => actions.discard.mutateAsync(),
    });
  };

  return (
    <Group gap="xs">
      <Button
        variant="default"
        disabled={!open || recommended.length === 0}
        loading={actions.decideNow.isPending}
        onClick={() => bulk('approve', recommended)}
      >
        Approve all recommended
      </Button>
      {selection.selected.size > 0 && (
        <>
          <Button variant="default" disabled={!open} onClick={() => bulk('approve', selected)}>
            Approve selected ({selection.selected.size})
          </Button>
          <Button variant="default" disabled={!open} onClick={() => bulk('revoke', selected)}>
            Revoke selected ({selection.selected.size})
          </Button>
        </>
      )}
      <Button
        ml="auto"
        variant="default"
        disabled={drafts === 0}
        loading={actions.discard.isPending}
        onClick={askDiscard}
      >
        Discard changes
      </Button>
      <Button
        disabled={drafts === 0 || !open}
        loading={actions.confirm.isPending}
        onClick={() => actions.confirm.mutate()}
        aria-label="Confirm decisions"
      >
        Confirm decisions ({drafts})
      </Button>
      <Button variant="subtle" onClick={props.onHelp}>
        Keyboard shortcuts
      </Button>
      <BulkConfirm request={bulkRequest} onClose={() => setBulkRequest(null)} />
      <ConfirmDialog request={confirmRequest} onClose={() => setConfirmRequest(null)} />
    </Group>
  );
}
