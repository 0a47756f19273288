import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok, ProblemError } from '../api/client';
import { campaignKey, myCampaignsKey, type Decision, type ReviewItem } from './queries';

export interface DraftInput {
  decision: Decision;
  comment?: string | null;
  endDate?: string | null;
  forwardTo?: string | null;
  forwardReason?: string | null;
}

const messageOf = (err: unknown) =>
  err instanceof ProblemError ? (err.problem.detail ?? err.problem.title) : String(err);

/** `drafts[item 42].comment` → 42: which row a refused confirmation is about. */
const itemOfField = (field: string) => /item (\d+)/.exec(field)?.[1];

/**
 * Everything the campaign page changes on the server; refusals are kept by item so the row shows the
 * server's problem detail and nothing else changes.
 */
export function useReviewActions(campaignId: string) {
  const queryClient = useQueryClient();
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [pageError, setPageError] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: campaignKey(campaignId) }),
      queryClient.invalidateQueries({ queryKey: myCampaignsKey }),
    ]);
  const setRowError = (id: string, message: string | null) =>
    setRowErrors(({ [id]: _gone, ...rest }) => (message ? { ...rest, [id]: message } : rest));

  const saveDraft = useMutation({
    // One at a time, in order: a comment saved on leaving its box must not land after the decision
    // clicked next, which would bring the old decision back.
    scope: { id: `drafts:${campaignId}` },
    mutationFn: ({ item, draft }: { item: ReviewItem; draft: DraftInput }) =>
      ok(api.PUT('/api/v1/reviews/{itemId}/draft', { params: { path: { itemId: item.id } }, body: draft })),
    onSuccess: (_data, { item }) => {
      setRowError(item.id, null);
      return refresh();
    },
    onError: (err, { item }) => setRowError(item.id, messageOf(err)),
  });

  const confirm = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/campaigns/{id}/confirm', { params: { path: { id: campaignId } } })),
    onSuccess: () => {
      setPageError(null);
      setRowErrors({});
      return refresh();
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
      setPageError(messageOf(err));
    },
  });

  const discard = useMutation({
    mutationFn: () =>
      ok(api.DELETE('/api/v1/campaigns/{id}/drafts', { params: { path: { id: campaignId } } })),
    onSuccess: () => {
      setRowErrors({});
      setPageError(null);
      return refresh();
    },
    onError: (err) => setPageError(messageOf(err)),
  });

  /** Decides and confirms at once (bulk): up to 500 items per call, as the API takes them. */
  const decideNow = useMutation({
    mutationFn: async (decisions: { itemId: string; decision: 'approve' | 'revoke'; comment?: string }[]) => {
      for (let i = 0; i < decisions.length; i += 500) {
        await ok(
          api.POST('/api/v1/campaigns/{id}/decisions', {
            params: { path: { id: campaignId } },
            body: { decisions: decisions.slice(i, i + 500) },
          }),
        );
      }
      return decisions.length;
    },
    onSuccess: () => {
      setPageError(null);
      return refresh();
    },
    onError: (err) => {
      setPageError(messageOf(err));
      return refresh();
    },
  });

  return { saveDraft, confirm, discard, decideNow, rowErrors, setRowError, pageError, setPageError };
}
