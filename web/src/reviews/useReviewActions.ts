import { useState } from 'react';
import { ProblemError, problemMessage } from '../api/problem';
import { needsComment } from './decisions';
import type { ItemRowProps } from './ItemRow';
import {
  useConfirmDecisions,
  useDecideNow,
  useDiscardDrafts,
  useSaveDraft,
  type Decision,
  type ReviewItem,
} from './queries';

/** `drafts[item 42].comment` → 42: which row a refused confirmation is about. */
const itemOfField = (field: string) => /item (\d+)/.exec(field)?.[1];

/**
 * Everything the campaign page changes on the server; refusals are kept by item so the row shows the
 * server's problem detail and nothing else changes.
 */
export function useReviewActions(campaignId: string, commentRequired: 'never' | 'revoke' | 'always') {
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [pageError, setPageError] = useState<string | null>(null);
  const setRowError = (id: string, message: string | null) =>
    setRowErrors(({ [id]: _gone, ...rest }) => (message ? { ...rest, [id]: message } : rest));

  const saveDraft = useSaveDraft(campaignId, {
    onSuccess: ({ item }) => setRowError(item.id, null),
    onError: (err, { item }) => setRowError(item.id, problemMessage(err)),
  });

  const confirm = useConfirmDecisions(campaignId, {
    onSuccess: () => {
      setPageError(null);
      setRowErrors({});
    },
    onError: (err) => {
      const fields = err instanceof ProblemError ? (err.problem.errors ?? []) : [];
      const byItem = Object.fromEntries(
        fields.flatMap((f) => {
          const id = itemOfField(f.field);
          return id ? [[id, f.message]] : [];
        }),
      );
      setRowErrors(byItem);
      setPageError(problemMessage(err));
    },
  });

  const discard = useDiscardDrafts(campaignId, {
    onSuccess: () => {
      setRowErrors({});
      setPageError(null);
    },
    onError: (err) => setPageError(problemMessage(err)),
  });

  const decideNow = useDecideNow(campaignId, {
    onSuccess: () => setPageError(null),
    onError: (err) => setPageError(problemMessage(err)),
  });

  /** A draft decision, with the comment as typed in the row; refused in the row when a comment is missing. */
  const decide = (
    item: ReviewItem,
    decision: Decision,
    details: Partial<Parameters<ItemRowProps['onDecide']>[1]> = {},
  ) => {
    const comment = (details.comment ?? item.draft?.comment ?? item.comment ?? '').trim() || null;
    if (needsComment(commentRequired, decision) && !comment) {
      // The focus stays where it is: moved into the comment box, the next shortcut (c) would be typed there.
      setRowError(
        item.id,
        `Write a comment first (press c or click the comment box): this campaign asks for one to ${decision === 'revoke' ? 'revoke' : 'decide'}.`,
      );
      return;
    }
    saveDraft.mutate({ item, draft: { ...details, decision, comment } });
  };

  /** A changed comment is saved with the draft it belongs to; before a decision it waits in the row. */
  const saveComment = (item: ReviewItem, text: string) => {
    if (!item.draft) return;
    saveDraft.mutate({
      item,
      draft: {
        decision: item.draft.decision,
        comment: text,
        endDate: item.draft.endDate,
        forwardTo: item.draft.forwardTo,
        forwardReason: item.draft.forwardReason,
      },
    });
  };

  return {
    decide,
    saveComment,
    confirm,
    discard,
    decideNow,
    rowErrors,
    setRowError,
    pageError,
    setPageError,
  };
}

export type ReviewActions = ReturnType<typeof useReviewActions>;
